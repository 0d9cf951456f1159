using Durango.Engine;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Microsoft.DurableTask;

namespace Durango.Api.Workflows;

/// <content>Argo's retry (run a failed workflow again, keeping what succeeded) and resubmit (a new workflow from the same spec).</content>
public sealed partial class WorkflowService
{
    /// <summary>
    /// Argo's <c>retry</c>: the same workflow runs again; leaf nodes that succeeded keep their results and do not run,
    /// everything else (failed nodes, their steps and DAG parents, hooks, the exit handler) runs anew.
    /// </summary>
    public async Task<ControlOutcome> RetryAsync(string name, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata?.ReadInputAs<WorkflowRunInput>() is not { } input)
        {
            return ControlOutcome.NotFound;
        }

        var status = Status(metadata, new Dictionary<string, NodeStatus>());
        if (!status.Phase.IsFinished() || status.Phase == WorkflowPhase.Succeeded)
        {
            return ControlOutcome.NotRunning;
        }

        var exitPrefix = $"{name}.onExit";
        var kept = (await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false)).Values
            .Where(n => n.Phase == NodePhase.Succeeded && n.Type is NodeType.Pod or NodeType.Http or NodeType.Plugin)
            .Where(n => !n.Name.StartsWith(exitPrefix, StringComparison.Ordinal) && n.NodeFlag?.Hooked != true)
            .ToList();
        await nodes.ReplaceAsync(name, kept, cancellationToken).ConfigureAwait(false);
        await client.ScheduleNewOrchestrationInstanceAsync(
            DurangoTasks.Workflow, input with { Reuse = kept.ToDictionary(n => n.Name, StringComparer.Ordinal) }, new StartOrchestrationOptions(name), cancellationToken).ConfigureAwait(false);
        return ControlOutcome.Done;
    }

    /// <summary>Argo's <c>resubmit</c>: a new workflow from the same spec and parameters, named from the original.</summary>
    public async Task<SubmitOutcome?> ResubmitAsync(string name, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata?.ReadInputAs<WorkflowRunInput>() is not { Source: { } source } input)
        {
            return null;
        }

        var parameters = input.Workflow.Parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value!)).ToList();
        return await SubmitAsync(new SubmitRequest(source, $"{name} (resubmitted)", parameters, GenerateName: $"{name}-"), cancellationToken).ConfigureAwait(false);
    }
}
