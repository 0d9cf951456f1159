using Durango.Engine;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Api.Workflows;

/// <summary>How to run a failed workflow again: argo's WorkflowRetryRequest.</summary>
/// <param name="RestartSuccessful">Also run again the succeeded nodes that <paramref name="NodeFieldSelector"/> picks.</param>
/// <param name="NodeFieldSelector">Which succeeded nodes to run again, with <paramref name="RestartSuccessful"/>.</param>
/// <param name="Parameters">New values of workflow parameters.</param>
public sealed record RetryOptions(bool RestartSuccessful = false, string? NodeFieldSelector = null, IReadOnlyList<KeyValuePair<string, string>>? Parameters = null);

/// <content>Argo's retry (run a failed workflow again, keeping what succeeded) and resubmit (a new workflow from the same spec).</content>
public sealed partial class WorkflowService
{
    /// <summary>
    /// Argo's <c>retry</c>: the same workflow runs again; leaf nodes that succeeded keep their results and do not run
    /// (unless <see cref="RetryOptions.RestartSuccessful"/> picks them), everything else (failed nodes, their steps and
    /// DAG parents, hooks, the exit handler) runs anew.
    /// </summary>
    public Task<ControlOutcome> RetryAsync(string name, CancellationToken cancellationToken = default) => RetryAsync(name, new RetryOptions(), cancellationToken);

    /// <summary>Argo's <c>retry</c> with argo's retry options.</summary>
    public async Task<ControlOutcome> RetryAsync(string name, RetryOptions retry, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return ControlOutcome.NotFound;
        }

        var status = Status(metadata, tree: null);
        if (!status.Phase.IsFinished() || status.Phase == WorkflowPhase.Succeeded)
        {
            return ControlOutcome.NotRunning;
        }

        if (WorkflowInputs.Read(metadata) is not { } input)
        {
            return ControlOutcome.NotFound;
        }

        var restart = retry.RestartSuccessful ? NodeFieldSelector.Parse(retry.NodeFieldSelector) : null;
        var next = input.Run + 1;
        var kept = WorkflowRetry.KeptFor(next, (await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false)).Values, input.Workflow.Name, restart);
        await nodes.ReplaceAsync(name, kept, cancellationToken).ConfigureAwait(false);
        var workflow = retry.Parameters is { Count: > 0 } overrides ? input.Workflow with { Parameters = Override(input.Workflow.Parameters, overrides) } : input.Workflow;
        await client.ScheduleNewOrchestrationInstanceAsync(
            DurangoTasks.Workflow,
            input with { Workflow = workflow, Reuse = kept.ToDictionary(n => n.Name, StringComparer.Ordinal), Run = next },
            new StartOrchestrationOptions(name) { Tags = WorkflowTags.Of(workflow) },
            cancellationToken).ConfigureAwait(false);
        return ControlOutcome.Done;
    }

    /// <summary>
    /// Argo's <c>resubmit</c>: a new workflow from the same spec and parameters, named from the original and labelled
    /// with it (<c>workflows.argoproj.io/resubmitted-from-workflow</c>, as upstream's <c>FormulateResubmitWorkflow</c>).
    /// </summary>
    public Task<SubmitOutcome?> ResubmitAsync(string name, CancellationToken cancellationToken = default) => ResubmitAsync(name, [], cancellationToken);

    /// <summary>Argo's <c>resubmit</c> with new parameter values.</summary>
    public Task<SubmitOutcome?> ResubmitAsync(string name, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        ResubmitAsync(name, parameters, memoized: false, cancellationToken);

    /// <summary>
    /// Argo's <c>resubmit</c>; <paramref name="memoized"/> keeps the pods that succeeded (<see cref="MemoizedResubmit"/>),
    /// for a Failed or Error workflow only.
    /// </summary>
    public async Task<SubmitOutcome?> ResubmitAsync(string name, IReadOnlyList<KeyValuePair<string, string>> parameters, bool memoized, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstancesAsync(name, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || WorkflowInputs.Read(metadata) is not { Source: { } source } input)
        {
            return null;
        }

        var values = input.Workflow.Parameters.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            values[key] = value;
        }

        string? newName = null;
        CarriedNodes? carried = null;
        if (memoized)
        {
            if (!MemoizedResubmit.Allowed(Status(metadata, tree: null).Phase))
            {
                return new SubmitOutcome(SubmitStatus.Invalid, null, null, [], MemoizedResubmit.NotFailed);
            }

            newName = Generate($"{name}-");
            var previous = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
            carried = MemoizedResubmit.Carry(previous.Values.ToList(), name, newName!, time.GetUtcNow());
        }

        return await SubmitAsync(
            new SubmitRequest(source, $"{name} (resubmitted)", values.ToList(), newName, GenerateName: $"{name}-")
            {
                Namespace = input.Workflow.Namespace,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ArgoLabels.ResubmittedFrom] = name },
                Carried = carried,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static List<Core.Spec.Parameter> Override(IReadOnlyList<Core.Spec.Parameter> parameters, IReadOnlyList<KeyValuePair<string, string>> overrides) =>
        parameters.Select(p => overrides.LastOrDefault(o => o.Key == p.Name) is { Key: not null } o ? p with { Value = o.Value } : p).ToList();
}
