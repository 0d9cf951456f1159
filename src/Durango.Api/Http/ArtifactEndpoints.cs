using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's artifact downloads (upstream server/artifacts/artifact_server.go): a node's output or input artifact
/// streamed from its repository, by workflow name (<c>/artifacts/{namespace}/{name}/{nodeId}/{artifactName}</c>,
/// <c>/input-artifacts/...</c>) or by uid (<c>/artifacts-by-uid/{uid}/{nodeId}/{artifactName}</c>,
/// <c>/input-artifacts-by-uid/...</c>), and a file of one (<c>/artifact-files/...</c>, a directory listed), with upstream's
/// file name, content type and security headers.
/// </summary>
public sealed class ArtifactEndpoints(WorkflowService workflows, ArtifactLocations locations)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>By namespace and name; <paramref name="input"/> picks the node's inputs instead of its outputs.</summary>
    public async Task<ApiResult> ByNameAsync(ApiCall call, bool input)
    {
        var view = await workflows.GetAsync(call.Route("namespace"), call.Route("name"), call.Aborted).ConfigureAwait(false);
        return view is null
            ? ApiResult.Fail(ArgoCode.NotFound, $"workflow '{call.Route("name")}' is not in namespace '{call.Route("namespace")}'")
            : await AnswerAsync(view, call, input).ConfigureAwait(false);
    }

    /// <summary>By the workflow's uid.</summary>
    public async Task<ApiResult> ByUidAsync(ApiCall call, bool input)
    {
        var uid = call.Route("uid");
        return await FindByUidAsync(uid, call.Aborted).ConfigureAwait(false) is { } view
            ? await AnswerAsync(view, call, input).ConfigureAwait(false)
            : NoWorkflow(uid);
    }

    /// <summary>
    /// A file of an artifact (<c>/artifact-files/{namespace}/{workflows|archived-workflows}/{name|uid}/{nodeId}/{outputs|inputs}/{artifactName}/{file...}</c>,
    /// upstream GetArtifactFile): the artifact itself, or a file in a directory artifact; a directory (a path ending in
    /// <c>/</c>) is an HTML list of its entries, or its <c>index.html</c>; a directory asked for as a file redirects to it.
    /// </summary>
    public async Task<ApiResult> FileAsync(ApiCall call)
    {
        var direction = call.Route("artifactDiscriminator");
        if (direction is not ("outputs" or "inputs"))
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, $"'{direction}' is not outputs or inputs");
        }

        var (id, by) = (call.Route("id"), call.Route("idDiscriminator"));
        var view = by switch
        {
            "workflow" or "workflows" => await workflows.GetAsync(call.Route("namespace"), id, call.Aborted).ConfigureAwait(false),
            "archived-workflows" => await FindByUidAsync(id, call.Aborted).ConfigureAwait(false),
            _ => null,
        };
        if (by is not ("workflow" or "workflows" or "archived-workflows"))
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, $"'{by}' is not workflows or archived-workflows");
        }

        if (view is null || view.Metadata.Namespace is { } ns && ns != call.Route("namespace"))
        {
            return ApiResult.Fail(ArgoCode.NotFound, $"workflow '{id}' is not in namespace '{call.Route("namespace")}'");
        }

        var file = call.Route("file").Trim('/');
        if (file.Split('/').Any(s => s is ".." or "."))
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, $"'{file}' is not a path inside the artifact");
        }

        var (artifact, failure) = Find(view, call.Route("nodeId"), call.Route("artifactName"), direction == "inputs");
        if (artifact?.Azure is not { } azure)
        {
            return failure ?? ApiResult.Fail(ArgoCode.InvalidArgument, $"artifact '{call.Route("artifactName")}' is not in a repository Durango reads");
        }

        var path = call.Request.Path.Value ?? string.Empty;
        try
        {
            var (repository, key) = locations.Locate(azure);
            key = file.Length == 0 ? key : key.TrimEnd('/') + "/" + file;
            if (!path.EndsWith('/'))
            {
                if (await repository.OpenReadAsync(key, call.Aborted).ConfigureAwait(false) is { } stream)
                {
                    return File(key, async (body, cancel) =>
                    {
                        await using (stream.ConfigureAwait(false))
                        {
                            await stream.CopyToAsync(body, cancel).ConfigureAwait(false);
                        }
                    });
                }

                return await ListAsync(repository, key, call.Aborted).ConfigureAwait(false) is { Count: > 0 }
                    ? Redirect(path + "/")
                    : ApiResult.Fail(ArgoCode.NotFound, $"'{key}' is not in {repository.Description}");
            }

            var entries = await ListAsync(repository, key, call.Aborted).ConfigureAwait(false);
            return entries.Count == 0 ? ApiResult.Fail(ArgoCode.NotFound, $"'{key}' is not a directory in {repository.Description}")
                : entries.Contains("index.html") ? Redirect(path + "index.html")
                : Listing(entries);
        }
        catch (ArtifactException e)
        {
            return ApiResult.Fail(ArgoCode.FailedPrecondition, $"artifact '{artifact.Name}': {e.Message}");
        }
    }

    private async Task<WorkflowView?> FindByUidAsync(string uid, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var page = await workflows.ListAsync(WorkflowFilter.All with { Limit = 500, Offset = offset }, cancellationToken).ConfigureAwait(false);
            if (page.Items?.FirstOrDefault(w => w.Metadata.Uid == uid) is { } found)
            {
                return await workflows.GetAsync(found.Metadata.Name, cancellationToken).ConfigureAwait(false);
            }

            if (page.Metadata.Continue is not { } next)
            {
                return null;
            }

            offset = WorkflowFilter.ParseOffset(next);
        }
    }

    /// <summary>The entries right under <paramref name="key"/>: files by name, folders by name and a slash (upstream renderDirectoryListing).</summary>
    private static async Task<List<string>> ListAsync(IArtifactRepository repository, string key, CancellationToken cancellationToken)
    {
        var prefix = key.TrimEnd('/') + "/";
        var entries = new List<string>();
        await foreach (var objectKey in repository.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var relative = objectKey[prefix.Length..];
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            var entry = slash < 0 ? relative : relative[..(slash + 1)];
            if (entry.Length > 0 && !entries.Contains(entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static ApiResult Redirect(string location) => ApiResult.Streamed((response, _) =>
    {
        response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        response.Headers.Location = location;
        return Task.CompletedTask;
    });

    private static ApiResult Listing(IEnumerable<string> entries) => ApiResult.Streamed(async (response, cancel) =>
    {
        var html = new System.Text.StringBuilder("<html><body><ul>\n<li><a href=\"..\">..</a></li>\n");
        foreach (var entry in entries)
        {
            var encoded = System.Net.WebUtility.HtmlEncode(entry);
            html.Append($"<li><a href=\"./{encoded}\">{encoded}</a></li>\n");
        }

        html.Append("</ul></body></html>");
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders(response);
        await response.WriteAsync(html.ToString(), cancel).ConfigureAwait(false);
    });

    private static ApiResult NoWorkflow(string uid) => ApiResult.Fail(ArgoCode.NotFound, $"no workflow has uid '{uid}'");

    private static (Core.Spec.Artifact? Artifact, ApiResult? Failure) Find(WorkflowView view, string nodeId, string name, bool input)
    {
        if (!view.Status.Nodes.TryGetValue(nodeId, out var node))
        {
            return (null, ApiResult.Fail(ArgoCode.NotFound, $"workflow '{view.Metadata.Name}' has no node '{nodeId}'"));
        }

        var artifacts = input ? node.Inputs?.Artifacts : node.Outputs?.Artifacts;
        return artifacts?.FirstOrDefault(a => a.Name == name) is { } artifact
            ? (artifact, null)
            : (null, ApiResult.Fail(ArgoCode.NotFound, $"node '{nodeId}' has no {(input ? "input" : "output")} artifact '{name}'"));
    }

    private async Task<ApiResult> AnswerAsync(WorkflowView view, ApiCall call, bool input)
    {
        var name = call.Route("artifactName");
        var (artifact, failure) = Find(view, call.Route("nodeId"), name, input);
        if (artifact is null)
        {
            return failure!;
        }

        if (artifact.Raw is { } raw)
        {
            return File(artifact.Name, writeAsync: (body, cancel) => body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(raw.Data), cancel).AsTask());
        }

        if (artifact.Azure is not { } azure)
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, $"artifact '{name}' is not in a repository Durango reads (http artifacts are at their URL)");
        }

        IArtifactRepository repository;
        string key;
        Stream? stream;
        try
        {
            (repository, key) = locations.Locate(azure);
            stream = await repository.OpenReadAsync(key, call.Aborted).ConfigureAwait(false);
        }
        catch (ArtifactException e)
        {
            return ApiResult.Fail(ArgoCode.FailedPrecondition, $"artifact '{name}': {e.Message}");
        }

        if (stream is null)
        {
            return ApiResult.Fail(ArgoCode.NotFound, $"artifact '{name}' ({key}) is not in {repository.Description}: it is a directory of files, or it was deleted");
        }

        return File(key, async (body, cancel) =>
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.CopyToAsync(body, cancel).ConfigureAwait(false);
            }
        });
    }

    private static ApiResult File(string key, Func<Stream, CancellationToken, Task> writeAsync) => ApiResult.Streamed(async (response, cancel) =>
    {
        var fileName = Path.GetFileName(key.TrimEnd('/'));
        response.Headers.ContentDisposition = $"filename=\"{fileName.Replace("\"", string.Empty, StringComparison.Ordinal)}\"";
        response.ContentType = ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
        SecurityHeaders(response);
        await writeAsync(response.Body, cancel).ConfigureAwait(false);
    });

    private static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "sandbox allow-same-origin; base-uri 'none'; default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'";
        response.Headers.XFrameOptions = "SAMEORIGIN";
    }
}
