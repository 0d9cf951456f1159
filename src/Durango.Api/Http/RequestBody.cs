using System.Text;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>Reads a workflow or template from a request body: YAML or JSON, at most the configured size.</summary>
internal static class RequestBody
{
    private static readonly string[] Accepted = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    /// <summary>The body text, or the error to answer with.</summary>
    public static async Task<(string? Text, ApiResult? Error)> ReadAsync(HttpRequest request, ApiOptions options, string kind, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not null && !Accepted.Contains(type))
        {
            return (null, ApiResult.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                $"content type '{type}' is not accepted; send the workflow as application/yaml or application/json (curl: -H 'Content-Type: application/yaml' --data-binary @file.yaml)"));
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge(options));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxRequestBytes)
            {
                return (null, TooLarge(options));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, ApiResult.Error(StatusCodes.Status400BadRequest, "EmptyBody", "the request body is empty; send the workflow YAML or JSON"));
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return (ArgoEnvelope.Unwrap(text, kind), null);
    }

    private static ApiResult TooLarge(ApiOptions options) => ApiResult.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
        $"the request body is larger than {options.MaxRequestBytes} bytes (Durango:Api:MaxRequestBytes)");
}
