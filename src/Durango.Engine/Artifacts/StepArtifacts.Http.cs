using System.Net.Http.Headers;
using System.Text;
using Durango.Core.Spec;
using Durango.Engine.Executors;

namespace Durango.Engine.Artifacts;

/// <content>
/// Output artifacts with an <c>http</c> location: sent with a PUT, as upstream's http artifact driver saves them
/// (<c>workflow/artifacts/http/http.go</c>): the gzipped tar by default, the file itself with <c>archive: none</c>, the
/// location's headers and basic auth on the request, and any answer outside 2xx an error naming the URL and status.
/// </content>
public sealed partial class StepArtifacts
{
    private async Task UploadAsync(string source, ArtifactArchive archive, HttpArtifact web, CancellationToken cancellationToken)
    {
        if (archive != ArtifactArchive.Tgz && !File.Exists(source))
        {
            throw new ArtifactException($"{source} is a directory; an http location takes one file, so leave 'archive' unset (a gzipped tar)");
        }

        var packed = archive == ArtifactArchive.Tgz ? source + ".durango-upload.tgz" : null;
        try
        {
            if (packed is not null)
            {
                var archiveFile = File.Create(packed);
                await using (archiveFile.ConfigureAwait(false))
                {
                    await ArtifactArchives.PackAsync(source, archiveFile, cancellationToken).ConfigureAwait(false);
                }
            }

            var body = File.OpenRead(packed ?? source);
            await using (body.ConfigureAwait(false))
            {
                using var request = Request(HttpMethod.Put, web);
                request.Content = new StreamContent(body);

                HttpResponseMessage response;
                try
                {
                    response = await http.CreateClient(HttpTemplateExecutor.ClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw new ArtifactException($"PUT {web.Url} failed: {e.Message}", e);
                }

                using (response)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new ArtifactException($"PUT {web.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                    }
                }
            }
        }
        finally
        {
            if (packed is not null && File.Exists(packed))
            {
                File.Delete(packed);
            }
        }
    }

    /// <summary>A request to <paramref name="web"/>'s URL with its headers and basic auth (downloads and uploads alike).</summary>
    private HttpRequestMessage Request(HttpMethod method, HttpArtifact web)
    {
        var request = new HttpRequestMessage(method, web.Url);
        foreach (var header in web.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value ?? string.Empty);
        }

        if (web.BasicUsername is { } user && web.BasicPassword is { } password)
        {
            var pair = $"{locations.Secret(user, "http basicAuth usernameSecret")}:{locations.Secret(password, "http basicAuth passwordSecret")}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        return request;
    }
}
