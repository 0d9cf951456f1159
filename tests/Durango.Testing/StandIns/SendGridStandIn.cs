using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Durango.Testing.StandIns;

/// <summary>
/// SendGrid's v3 <c>POST /v3/mail/send</c> on 127.0.0.1: checks the bearer key, records each accepted message and
/// answers 202 with an <c>X-Message-Id</c>, or the failures a test queued (401, 429 with <c>Retry-After</c>, 5xx), with
/// SendGrid's error body.
/// </summary>
public sealed class SendGridStandIn : IAsyncDisposable
{
    /// <summary>The API key the stand-in accepts.</summary>
    public const string ApiKey = "SG.stand-in-key.9f8e7d6c5b4a";

    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> _failures = new();
    private LoopbackServer _server = null!;

    /// <summary>The endpoint to configure as <c>Durango:SendGrid:Endpoint</c>.</summary>
    public string Endpoint => _server.BaseUrl;

    /// <summary>The messages accepted, as SendGrid received their JSON.</summary>
    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    /// <summary>Every request, accepted or not.</summary>
    public IReadOnlyCollection<ReceivedRequest> Requests => _server.Requests;

    /// <summary>Starts the stand-in.</summary>
    public static async Task<SendGridStandIn> StartAsync()
    {
        var standIn = new SendGridStandIn();
        standIn._server = await LoopbackServer.StartAsync(standIn.RespondAsync).ConfigureAwait(false);
        return standIn;
    }

    /// <summary>Makes the next request fail with <paramref name="status"/> (and <c>Retry-After</c>, if given).</summary>
    public void FailNext(int status, int? retryAfterSeconds = null) => _failures.Enqueue((status, retryAfterSeconds));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RespondAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Method != "POST" || request.Path != "/v3/mail/send")
        {
            await ErrorAsync(context, 404, "not found").ConfigureAwait(false);
            return;
        }

        if (request.Headers.GetValueOrDefault("Authorization") != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, 401, "The provided authorization grant is invalid, expired, or revoked").ConfigureAwait(false);
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, failure.Status, failure.Status == 429 ? "too many requests" : "internal error").ConfigureAwait(false);
            return;
        }

        if (JsonNode.Parse(request.Body) is not JsonObject message || message["personalizations"] is null || message["from"] is null)
        {
            await ErrorAsync(context, 400, "The personalizations field is required").ConfigureAwait(false);
            return;
        }

        Accepted.Enqueue(message);
        context.Response.StatusCode = 202;
        context.Response.Headers["X-Message-Id"] = $"standin-{Accepted.Count}";
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["field"] = null }) }.ToJsonString()).ConfigureAwait(false);
    }
}
