using System.Text.Json;
using Durango.Api.Workflows;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// What an endpoint answers, independent of the host: a status and a JSON body, or a streamed text body. Both hosts
/// execute it on the ASP.NET Core response (<c>durango serve</c> directly, the Functions app through an
/// <c>IActionResult</c>).
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

    /// <summary>The JSON body, if any.</summary>
    public object? Body { get; }

    /// <summary>Headers to add (Location).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes a streamed body instead of JSON.</summary>
    public Func<HttpResponse, CancellationToken, Task>? Stream { get; }

    /// <summary>A JSON answer.</summary>
    public static ApiResult Json(int status, object body) => new(status, body, null);

    /// <summary>A streamed plain-text answer.</summary>
    public static ApiResult Text(Func<HttpResponse, CancellationToken, Task> write) => new(StatusCodes.Status200OK, null, write);

    /// <summary>An error answer: <c>{code, message, diagnostics?}</c>.</summary>
    public static ApiResult Error(int status, string code, string message, IReadOnlyList<Core.Diagnostics.DiagnosticView>? diagnostics = null) =>
        new(status, new ApiError(code, message, diagnostics), null);

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
            response.ContentType = "text/plain; charset=utf-8";
            await stream(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, Body, Body?.GetType() ?? typeof(object), WorkflowJson.Options, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The body of every error answer.</summary>
/// <param name="Code">A stable code (<c>InvalidWorkflow</c>, <c>NotFound</c>, ...).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Diagnostics">For invalid specs: every diagnostic, with file, line, column and path.</param>
public sealed record ApiError(string Code, string Message, IReadOnlyList<Core.Diagnostics.DiagnosticView>? Diagnostics = null);
