using System.Text.RegularExpressions;
using Durango.Api.Workflows;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's streams: <c>GET /api/v1/workflow-events/{namespace}</c> (watch) and the logs of a workflow or of one
/// of its pods, as server-sent events or JSON lines.
/// </summary>
public sealed class WorkflowStreamEndpoints(WorkflowService workflows, ApiOptions options)
{
    /// <summary><c>GET /api/v1/workflow-events/{namespace}</c>: ADDED, MODIFIED and DELETED events until the client goes away.</summary>
    public Task<ApiResult> WatchAsync(ApiCall call)
    {
        var filter = WorkflowEndpoints.Filter(call, call.Route("namespace"));
        var fields = call.Fields;
        return Task.FromResult(ApiResult.Streamed(async (response, token) =>
        {
            var stream = await EventStream.StartAsync(response, call.WantsEventStream, fields, token).ConfigureAwait(false);
            await foreach (var change in workflows.WatchAsync(filter, token).ConfigureAwait(false))
            {
                if (change is null)
                {
                    await stream.HeartbeatAsync(options.WatchHeartbeat, token).ConfigureAwait(false);
                    continue;
                }

                await stream.WriteAsync(new { type = change.Type, @object = change.Object }, token).ConfigureAwait(false);
            }
        }));
    }

    /// <summary><c>GET /api/v1/workflows/{namespace}/{name}/log</c> and <c>.../{podName}/log</c>: LogEntry lines.</summary>
    public async Task<ApiResult> LogsAsync(ApiCall call)
    {
        var name = call.Route("name");
        if (await workflows.GetAsync(call.Route("namespace"), name, call.Aborted).ConfigureAwait(false) is null)
        {
            return WorkflowEndpoints.NotFound(call);
        }

        if (call.Query("logOptions.container") is { } container && container != "main")
        {
            // Durango's steps have one container, main; argo's wait and init containers do not exist here.
            return ApiResult.Streamed(async (response, token) => await EventStream.StartAsync(response, call.WantsEventStream, null, token).ConfigureAwait(false));
        }

        if (call.Flag("logOptions.timestamps"))
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, "logOptions.timestamps: Durango does not record a time per log line; ask without timestamps");
        }

        var request = new LogRequest(
            Node: call.Route("podName") is { Length: > 0 } pod ? pod : call.Query("podName"),
            Follow: call.Flag("logOptions.follow"),
            TailLines: call.Number("logOptions.tailLines") is { } tail ? (int)Math.Min(tail, 100_000) : null,
            SinceSeconds: call.Number("logOptions.sinceSeconds"),
            Grep: Grep(call.Query("grep")));
        return ApiResult.Streamed(async (response, token) =>
        {
            var stream = await EventStream.StartAsync(response, call.WantsEventStream, null, token).ConfigureAwait(false);
            await foreach (var line in workflows.LogsAsync(name, request, token).ConfigureAwait(false))
            {
                await stream.WriteAsync(new { content = line.Text, podName = line.PodName }, token).ConfigureAwait(false);
            }
        });
    }

    /// <summary>A grep pattern, run by .NET's linear-time engine so that no pattern can make a read slow.</summary>
    private static Regex? Grep(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"grep '{pattern}' is not a pattern Durango can run in linear time: {e.Message}");
        }
    }
}
