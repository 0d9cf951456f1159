using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Durango.Cloud.ContainerInstances;

/// <summary>A response of Azure Resource Manager: its status and JSON body (null when empty).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
internal sealed record ArmResponse(int Status, JsonNode? Body);

/// <summary>
/// The slice of Azure Resource Manager the ACI runtime needs, over an Azure.Core pipeline: bearer tokens from an
/// Azure.Identity credential, and Azure.Core's retries, which back off on 429 (honouring <c>Retry-After</c>) and on
/// transient 5xx and network errors. The ContainerInstance management SDK is not on our feed; this is its REST API.
/// </summary>
internal sealed class ArmClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public ArmClient(Uri endpoint, TokenCredential credential, AciOptions options)
    {
        _endpoint = endpoint;
        var clientOptions = new ArmClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(60);
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new ArmAuthenticationPolicy(credential, endpoint));
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> (relative to the ARM endpoint, query included).</summary>
    public async Task<ArmResponse> SendAsync(RequestMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(_endpoint, path));
        request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }

        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        JsonNode? json = null;
        if (response.Content is { } content && content.ToMemory().Length > 0)
        {
            try
            {
                json = JsonNode.Parse(content.ToString());
            }
            catch (JsonException)
            {
                json = new JsonObject { ["error"] = new JsonObject { ["message"] = content.ToString() } };
            }
        }

        return new ArmResponse(response.Status, json);
    }

    /// <summary>ARM's error message in <paramref name="response"/>, for node messages (never carries credentials).</summary>
    public static string ErrorOf(ArmResponse response) =>
        response.Body?["error"]?["message"]?.GetValue<string>() is { } message ? $"{response.Status}: {message}" : $"HTTP {response.Status}";

    private sealed class ArmClientOptions : ClientOptions;
}

/// <summary>
/// Adds an ARM bearer token to each request, renewing it before it expires. Unlike Azure.Core's own policy it also
/// allows plain HTTP to a loopback address, where only a local stand-in of ARM can be; anywhere else it needs HTTPS.
/// </summary>
internal sealed class ArmAuthenticationPolicy(TokenCredential credential, Uri endpoint) : HttpPipelinePolicy
{
    private static readonly string[] Scopes = ["https://management.azure.com/.default"];
    private CachedToken? _token;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback)
        {
            throw new InvalidOperationException($"ARM endpoint {endpoint} must use https");
        }

        message.Request.Headers.SetValue("Authorization", "Bearer " + await TokenAsync(message.CancellationToken).ConfigureAwait(false));
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        // Concurrent renewals are harmless (the credential caches too); the token is swapped whole, as one reference.
        var token = _token;
        if (token is null || token.ExpiresOn <= DateTimeOffset.UtcNow.AddMinutes(5))
        {
            var fresh = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken).ConfigureAwait(false);
            token = new CachedToken(fresh.Token, fresh.ExpiresOn);
            _token = token;
        }

        return token.Value;
    }

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresOn);
}
