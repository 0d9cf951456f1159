using System.Text.Json;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's workflow actions, <c>PUT /api/v1/workflows/{namespace}/{name}/{action}</c>: stop, terminate,
/// suspend, resume, retry, resubmit and set. Each answers the Workflow after the action (resubmit: the new one).
/// </summary>
public sealed class WorkflowActionEndpoints(WorkflowService workflows, ApiOptions options)
{
    /// <summary>The actions, as argo names them.</summary>
    public static readonly IReadOnlyList<string> Actions = ["stop", "terminate", "suspend", "resume", "retry", "resubmit", "set"];

    /// <summary>Runs the action named in the route.</summary>
    public async Task<ApiResult> RunAsync(ApiCall call)
    {
        var action = call.Route("action");
        if (!Actions.Contains(action))
        {
            return ApiResult.Fail(ArgoCode.NotFound, $"no action '{action}'; use one of {string.Join(", ", Actions)}");
        }

        var (body, error) = ActionBody.Read(call);
        if (body is null)
        {
            return error!;
        }

        var name = call.Route("name");
        if (await workflows.GetAsync(call.Route("namespace"), name, call.Aborted).ConfigureAwait(false) is null)
        {
            return WorkflowEndpoints.NotFound(call);
        }

        var selector = body.String("nodeFieldSelector");
        _ = NodeFieldSelector.Parse(selector); // a malformed selector is a 400 before anything happens
        var token = call.Aborted;
        if (action == "resubmit")
        {
            var parameters = body.Strings("parameters").Select(p => SubmitOptions.Pair(p, "parameters")).ToList();
            var outcome = await workflows.ResubmitAsync(name, parameters, body.Bool("memoized"), token).ConfigureAwait(false);
            return outcome is null ? WorkflowEndpoints.NotFound(call) : WorkflowEndpoints.Answer(outcome);
        }

        ControlOutcome done;
        try
        {
            done = await ActAsync(action, name, selector, body, token).ConfigureAwait(false);
        }
        catch (ControlRefusedException refused)
        {
            return ApiResult.Fail(ArgoCode.FailedPrecondition, refused.Message);
        }

        if (done == ControlOutcome.NotRunning)
        {
            return ApiResult.Fail(ArgoCode.FailedPrecondition, action == "retry"
                ? $"workflow '{name}' has not failed, so there is nothing to retry"
                : $"workflow '{name}' has already ended, so it cannot be {Past(action)}");
        }

        if (action is "suspend" or "resume" && selector is null)
        {
            await workflows.AwaitSuspendedAsync(name, action == "suspend", options.AnswerTimeout / 2, token).ConfigureAwait(false);
        }

        return await workflows.GetAsync(name, token).ConfigureAwait(false) is { } view ? ApiResult.Ok(view) : WorkflowEndpoints.NotFound(call);
    }

    private async Task<ControlOutcome> ActAsync(string action, string name, string? selector, JsonEnvelope body, CancellationToken token) =>
        action switch
        {
            // As argo's StopWorkflow: with a node selector, the picked suspend nodes fail and the workflow goes on.
            "stop" when selector is not null => await workflows.SetAsync(name, selector, NodePhase.Failed, body.String("message"), null, token).ConfigureAwait(false),
            "stop" => await workflows.StopAsync(name, body.String("message"), token).ConfigureAwait(false),
            "terminate" => await workflows.TerminateAsync(name, token).ConfigureAwait(false),
            "suspend" => await workflows.SuspendAsync(name, token).ConfigureAwait(false),
            "resume" => await workflows.ResumeAsync(name, selector, token).ConfigureAwait(false),
            "retry" => await workflows.RetryAsync(name, new RetryOptions(
                body.Bool("restartSuccessful"), selector, body.Strings("parameters").Select(p => SubmitOptions.Pair(p, "parameters")).ToList()), token).ConfigureAwait(false),
            _ => await workflows.SetAsync(name, selector, Phase(body.String("phase")), body.String("message"), Outputs(body.String("outputParameters")), token).ConfigureAwait(false),
        };

    private static NodePhase? Phase(string? text) => text switch
    {
        null or "" => null,
        _ when Enum.TryParse<NodePhase>(text, ignoreCase: false, out var phase) && phase is NodePhase.Succeeded or NodePhase.Failed or NodePhase.Error => phase,
        _ => throw new FormatException($"phase '{text}' must be Succeeded, Failed or Error"),
    };

    /// <summary>argo's <c>outputParameters</c>: a JSON object of names to values, as a string.</summary>
    private static Dictionary<string, string>? Outputs(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"outputParameters must be a JSON object of names to values, like {{\"approve\": \"yes\"}}: {e.Message}");
        }
    }

    private static string Past(string action) => action switch
    {
        "stop" => "stopped",
        "terminate" => "terminated",
        "suspend" => "suspended",
        "resume" => "resumed",
        _ => "set",
    };
}
