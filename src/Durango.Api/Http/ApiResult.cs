using System.Text.Json;
using Durango.Api.Workflows;
using Durango.Core.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// What an endpoint answers, independent of the host: a status and a JSON body, or a stream written as it goes. Both
/// hosts execute it on the ASP.NET Core response (<c>durango serve</c> directly, the Functions app through its ASP.NET
/// Core integration).
/// </summary>
public sealed class ApiResult
{
    private ApiResult(int status, object? body, Func<HttpResponse, CancellationToken, Task>? stream)
    {
        Status = status;
        Body = body;
        Stream = stream;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The JSON body, if any: an object serialized with <see cref="WorkflowJson.Options"/>, or a <see cref="System.Text.Json.Nodes.JsonNode"/>.</summary>
    public object? Body { get; }

    /// <summary>Headers to add.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes a streamed body instead of JSON; it sets its own content type.</summary>
    public Func<HttpResponse, CancellationToken, Task>? Stream { get; }

    /// <summary>The error, when this is one.</summary>
    public ApiError? Error => Body as ApiError;

    /// <summary>A 200 with a JSON body.</summary>
    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body, null);

    /// <summary>A 200 streamed by <paramref name="write"/>.</summary>
    public static ApiResult Streamed(Func<HttpResponse, CancellationToken, Task> write) => new(StatusCodes.Status200OK, null, write);

    /// <summary>An error answer with the HTTP status grpc-gateway gives <paramref name="code"/>.</summary>
    public static ApiResult Fail(ArgoCode code, string message, IEnumerable<Diagnostic>? diagnostics = null) =>
        Fail(ArgoStatus.Http(code), code, message, diagnostics);

    /// <summary>An error answer with an explicit HTTP status (413, 415, 408, 405).</summary>
    public static ApiResult Fail(int status, ArgoCode code, string message, IEnumerable<Diagnostic>? diagnostics = null) =>
        new(status, new ApiError((int)code, message, diagnostics?.Select(DiagnosticView.AsDetail).ToList()), null);

    /// <summary>Writes this answer to <paramref name="response"/>.</summary>
    public async Task ExecuteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Stream is { } stream)
        {
            await stream(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Body, Body?.GetType() ?? typeof(object), WorkflowJson.Options, cancellationToken).ConfigureAwait(false);
    }
}
