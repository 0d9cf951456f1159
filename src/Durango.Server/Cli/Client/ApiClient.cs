using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Api.Http;
using Durango.Api.Workflows;

namespace Durango.Server.Cli.Client;

/// <summary>An answer the server refused, with argo-server's <c>{code, message, details}</c>.</summary>
internal sealed class ApiException(HttpStatusCode status, ApiError error) : Exception(error.Message)
{
    public HttpStatusCode Status { get; } = status;

    public ApiError Error { get; } = error;
}

/// <summary>
/// The CLI's client of argo-server's REST API (<c>/api/v1</c>): <c>durango serve</c>, a Durango Functions app, or a
/// real argo-server. Configured like the argo CLI: <c>--server</c> or <c>ARGO_SERVER</c> (host:port, https unless
/// <c>ARGO_SECURE=false</c>), <c>--token</c> or <c>ARGO_TOKEN</c>, <c>--namespace</c> or <c>ARGO_NAMESPACE</c>.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>The server used when nothing says otherwise.</summary>
    public const string DefaultServer = "http://127.0.0.1:2746";

    private readonly HttpClient _http;
    private readonly string? _namespace;
    private string? _defaultNamespace;

    public ApiClient(string server, string? token, string? @namespace)
    {
        _http = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (token is { Length: > 0 })
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token.Contains(' ', StringComparison.Ordinal) ? token : $"Bearer {token}");
        }

        _namespace = @namespace;
    }

    public static ApiClient From(CliArguments args) => new(
        args.Option("--server") ?? Environment.GetEnvironmentVariable("DURANGO_SERVER") ?? ArgoServer() ?? DefaultServer,
        args.Option("--token") ?? Environment.GetEnvironmentVariable("ARGO_TOKEN") ?? Environment.GetEnvironmentVariable("DURANGO_KEY"),
        args.Option("--namespace") ?? Environment.GetEnvironmentVariable("ARGO_NAMESPACE"));

    /// <summary>The namespace to use: the one given, else the server's (<c>/api/v1/info</c>).</summary>
    public async Task<string> NamespaceAsync()
    {
        if (_namespace is { Length: > 0 })
        {
            return _namespace;
        }

        _defaultNamespace ??= (await SendAsync<JsonObject>(HttpMethod.Get, "api/v1/info").ConfigureAwait(false))["managedNamespace"]?.GetValue<string>() ?? "argo";
        return _defaultNamespace;
    }

    public async Task<WorkflowView> GetAsync(string name) =>
        await SendAsync<WorkflowView>(HttpMethod.Get, $"{await WorkflowPathAsync(name).ConfigureAwait(false)}").ConfigureAwait(false);

    public async Task<WorkflowList> ListAsync(string? labelSelector, bool allNamespaces, string? fieldSelector = null) =>
        await SendAsync<WorkflowList>(HttpMethod.Get, (allNamespaces ? "api/v1/workflows/" : $"api/v1/workflows/{Escape(await NamespaceAsync().ConfigureAwait(false))}")
            + Query([("listOptions.labelSelector", labelSelector), ("listOptions.fieldSelector", fieldSelector)])).ConfigureAwait(false);

    /// <summary>
    /// <paramref name="name"/>, or for argo's alias <c>@latest</c> the newest workflow of the namespace (argo-server
    /// resolves it on its side; resolving it here works against every server).
    /// </summary>
    public async Task<string> ResolveAsync(string name)
    {
        if (name != "@latest")
        {
            return name;
        }

        var page = await ListAsync(null, allNamespaces: false).ConfigureAwait(false);
        return (page.Items ?? []).OrderByDescending(w => w.Metadata.CreationTimestamp).FirstOrDefault()?.Metadata.Name
            ?? throw new ApiException(HttpStatusCode.NotFound, new ApiError((int)ArgoCode.NotFound, $"there is no workflow in namespace '{await NamespaceAsync().ConfigureAwait(false)}' for @latest"));
    }

    public async Task<WorkflowView> ActionAsync(string name, string action) =>
        await SendAsync<WorkflowView>(HttpMethod.Put, $"{await WorkflowPathAsync(name).ConfigureAwait(false)}/{action}", Json(new { name })).ConfigureAwait(false);

    /// <summary>An action with argo's request fields (<c>nodeFieldSelector</c>, <c>message</c>, <c>restartSuccessful</c>, ...).</summary>
    public async Task<WorkflowView> ActionAsync(string name, string action, JsonObject body)
    {
        body["name"] = name;
        return await SendAsync<WorkflowView>(HttpMethod.Put, $"{await WorkflowPathAsync(name).ConfigureAwait(false)}/{action}", Json(body)).ConfigureAwait(false);
    }

    /// <summary>Creates the workflow in <paramref name="request"/>'s JSON; <paramref name="serverDryRun"/> validates only (argo's <c>--server-dry-run</c>).</summary>
    public async Task<WorkflowView> CreateAsync(WorkflowRequest request, bool serverDryRun)
    {
        var @namespace = await NamespaceAsync().ConfigureAwait(false);
        var body = new JsonObject { ["namespace"] = @namespace, ["workflow"] = request.Workflow.DeepClone() };
        if (serverDryRun)
        {
            body["serverDryRun"] = true;
        }

        try
        {
            return await SendAsync<WorkflowView>(HttpMethod.Post, $"api/v1/workflows/{Escape(@namespace)}", Json(body)).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Error.Details is { Count: > 0 })
        {
            throw request.Relocate(e);
        }
    }

    /// <summary>argo's <c>submit --from KIND/NAME</c>: <c>POST /api/v1/workflows/{namespace}/submit</c>.</summary>
    public async Task<WorkflowView> SubmitFromAsync(string kind, string name, JsonObject submitOptions)
    {
        var @namespace = await NamespaceAsync().ConfigureAwait(false);
        return await SendAsync<WorkflowView>(HttpMethod.Post, $"api/v1/workflows/{Escape(@namespace)}/submit",
            Json(new JsonObject { ["namespace"] = @namespace, ["resourceKind"] = kind, ["resourceName"] = name, ["submitOptions"] = submitOptions })).ConfigureAwait(false);
    }

    /// <summary>A template, CronWorkflow or other object by its API path segment and name.</summary>
    public async Task<JsonObject> GetObjectAsync(string segment, bool namespaced, string name) =>
        await SendAsync<JsonObject>(HttpMethod.Get, await TemplatePathAsync(segment, namespaced, name).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Replaces an object with the YAML document <paramref name="yaml"/> (<c>PUT</c>, as argo's <c>update</c> commands).</summary>
    public async Task<JsonObject> UpdateObjectAsync(string segment, bool namespaced, string name, string yaml) =>
        await SendAsync<JsonObject>(HttpMethod.Put, await TemplatePathAsync(segment, namespaced, name).ConfigureAwait(false), Yaml(yaml)).ConfigureAwait(false);

    public async Task DeleteAsync(string name) =>
        await SendAsync<JsonObject>(HttpMethod.Delete, await WorkflowPathAsync(name).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<JsonObject> CreateTemplateAsync(string segment, bool namespaced, string yaml) =>
        await SendAsync<JsonObject>(HttpMethod.Post, await TemplatePathAsync(segment, namespaced, null).ConfigureAwait(false), Yaml(yaml)).ConfigureAwait(false);

    public async Task<JsonObject> ListTemplatesAsync(string segment, bool namespaced, string? labelSelector = null) =>
        await SendAsync<JsonObject>(HttpMethod.Get, await TemplatePathAsync(segment, namespaced, null).ConfigureAwait(false)
            + Query([("listOptions.labelSelector", labelSelector)])).ConfigureAwait(false);

    /// <summary>A request without a body whose answer is a JSON object (the cron commands use it).</summary>
    public Task<JsonObject> SendJsonAsync(HttpMethod method, string path) => SendAsync<JsonObject>(method, path);

    public async Task DeleteTemplateAsync(string segment, bool namespaced, string name) =>
        await SendAsync<JsonObject>(HttpMethod.Delete, await TemplatePathAsync(segment, namespaced, name).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The log lines of a workflow (<c>podName: text</c>) as they come (argo's LogEntry lines).</summary>
    public async IAsyncEnumerable<(string PodName, string Content)> LogsAsync(string name, string? node, bool follow)
    {
        var path = $"{await WorkflowPathAsync(name).ConfigureAwait(false)}/log"
            + Query([("podName", node), ("logOptions.container", "main"), ("logOptions.follow", follow ? "true" : null)]);
        await foreach (var result in StreamAsync(path).ConfigureAwait(false))
        {
            yield return (result["podName"]?.GetValue<string>() ?? string.Empty, result["content"]?.GetValue<string>() ?? string.Empty);
        }
    }

    /// <summary>The workflow each time it changes (argo's watch, <c>/api/v1/workflow-events</c>), until the stream ends.</summary>
    public async IAsyncEnumerable<WorkflowView> WatchAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/workflow-events/{Escape(await NamespaceAsync().ConfigureAwait(false))}" + Query([("listOptions.fieldSelector", $"metadata.name={name}")]);
        await foreach (var result in StreamAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (result["object"]?.Deserialize<WorkflowView>(WorkflowJson.Options) is { } view)
            {
                yield return view;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The <c>result</c> of each JSON line of a streamed answer.</summary>
    private async IAsyncEnumerable<JsonNode> StreamAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0 && JsonNode.Parse(line)?["result"] is { } result)
            {
                yield return result;
            }
        }
    }

    private async Task<string> WorkflowPathAsync(string name) => $"api/v1/workflows/{Escape(await NamespaceAsync().ConfigureAwait(false))}/{Escape(name)}";

    private async Task<string> TemplatePathAsync(string segment, bool namespaced, string? name) =>
        $"api/v1/{segment}" + (namespaced ? $"/{Escape(await NamespaceAsync().ConfigureAwait(false))}" : string.Empty) + (name is null ? string.Empty : $"/{Escape(name)}");

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await ThrowIfFailedAsync(response).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(WorkflowJson.Options).ConfigureAwait(false))!;
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        ApiError? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ApiError>(text, WorkflowJson.Options);
        }
        catch (JsonException)
        {
            // Not argo-shaped (a proxy, the Functions host): report the status and the text.
        }

        throw new ApiException(response.StatusCode, error is { Message: not null } ? error : new ApiError((int)ArgoCode.Unknown, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}"));
    }

    /// <summary><c>ARGO_SERVER</c> (host:port) as a URL, https unless <c>ARGO_SECURE=false</c>, as the argo CLI reads it.</summary>
    private static string? ArgoServer()
    {
        var server = Environment.GetEnvironmentVariable("ARGO_SERVER");
        if (string.IsNullOrEmpty(server) || server.Contains("://", StringComparison.Ordinal))
        {
            return server is { Length: > 0 } ? server : null;
        }

        var secure = !string.Equals(Environment.GetEnvironmentVariable("ARGO_SECURE"), "false", StringComparison.OrdinalIgnoreCase);
        return $"{(secure ? "https" : "http")}://{server}{Environment.GetEnvironmentVariable("ARGO_BASE_HREF")?.TrimEnd('/')}";
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml"));

    private static StringContent Json(object value) => new(
        value is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(value, WorkflowJson.Options), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Query(IEnumerable<(string Name, string? Value)> options)
    {
        var parts = options.Where(o => o.Value is not null).Select(o => $"{o.Name}={Escape(o.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
