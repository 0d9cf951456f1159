using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Microsoft.AspNetCore.StaticFiles;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's artifact downloads (upstream server/artifacts/artifact_server.go): a node's output or input artifact
/// streamed from its repository, by workflow name (<c>/artifacts/{namespace}/{name}/{nodeId}/{artifactName}</c>,
/// <c>/input-artifacts/...</c>) or by uid (<c>/artifacts-by-uid/{uid}/{nodeId}/{artifactName}</c>,
/// <c>/input-artifacts-by-uid/...</c>), with upstream's file name, content type and security headers.
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
        var offset = 0;
        while (true)
        {
            var page = await workflows.ListAsync(WorkflowFilter.All with { Limit = 500, Offset = offset }, call.Aborted).ConfigureAwait(false);
            if (page.Items?.FirstOrDefault(w => w.Metadata.Uid == uid) is { } found)
            {
                var view = await workflows.GetAsync(found.Metadata.Name, call.Aborted).ConfigureAwait(false);
                return view is null ? NoWorkflow(uid) : await AnswerAsync(view, call, input).ConfigureAwait(false);
            }

            if (page.Metadata.Continue is not { } next)
            {
                return NoWorkflow(uid);
            }

            offset = WorkflowFilter.ParseOffset(next);
        }
    }

    private static ApiResult NoWorkflow(string uid) => ApiResult.Fail(ArgoCode.NotFound, $"no workflow has uid '{uid}'");

    private async Task<ApiResult> AnswerAsync(WorkflowView view, ApiCall call, bool input)
    {
        var (nodeId, name) = (call.Route("nodeId"), call.Route("artifactName"));
        if (!view.Status.Nodes.TryGetValue(nodeId, out var node))
        {
            return ApiResult.Fail(ArgoCode.NotFound, $"workflow '{view.Metadata.Name}' has no node '{nodeId}'");
        }

        var artifacts = input ? node.Inputs?.Artifacts : node.Outputs?.Artifacts;
        if (artifacts?.FirstOrDefault(a => a.Name == name) is not { } artifact)
        {
            return ApiResult.Fail(ArgoCode.NotFound, $"node '{nodeId}' has no {(input ? "input" : "output")} artifact '{name}'");
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
        response.Headers.ContentSecurityPolicy = "sandbox allow-same-origin; base-uri 'none'; default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'";
        response.Headers.XFrameOptions = "SAMEORIGIN";
        await writeAsync(response.Body, cancel).ConfigureAwait(false);
    });
}
