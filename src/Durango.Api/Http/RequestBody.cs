using System.Text;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// Reads a request body as text: at most <see cref="ApiOptions.MaxRequestBytes"/>, YAML or JSON (also when curl -d labels it a
/// form, as grpc-gateway takes any body as JSON), and a client that
/// sends too slowly gets a 408 (Kestrel's minimum data rate), never a 500.
/// </summary>
internal static class RequestBody
{
    private static readonly string[] Accepted = ["application/json", "application/x-www-form-urlencoded", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    /// <summary>The body text, or the error to answer with. An empty body is empty text.</summary>
    public static async Task<(string? Text, ApiResult? Error)> ReadAsync(HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is { Length: > 0 } && !Accepted.Contains(type))
        {
            return (null, ApiResult.Fail(StatusCodes.Status415UnsupportedMediaType, ArgoCode.InvalidArgument,
                $"content type '{type}' is not accepted; send JSON (argo-server's request objects) or a YAML document (curl: -H 'Content-Type: application/yaml' --data-binary @file.yaml)"));
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge(options));
        }

        try
        {
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

            return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel: the body came too slowly (408) or broke off mid-way (400).
            return (null, ApiResult.Fail(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout ? ArgoCode.DeadlineExceeded : ArgoCode.InvalidArgument,
                $"the request body could not be read: {e.Message}; send the whole body at once"));
        }
    }

    private static ApiResult TooLarge(ApiOptions options) => ApiResult.Fail(StatusCodes.Status413PayloadTooLarge, ArgoCode.ResourceExhausted,
        $"the request body is larger than {options.MaxRequestBytes} bytes (setting Durango:Api:MaxRequestBytes)");
}
