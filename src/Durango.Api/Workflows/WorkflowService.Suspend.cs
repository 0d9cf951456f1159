using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;

namespace Durango.Api.Workflows;

/// <summary>A control request refused for what the workflow's nodes are now, with upstream's reason.</summary>
public sealed class ControlRefusedException(string message) : Exception(message);

/// <content>
/// Argo's <c>resume</c> and <c>set</c> of suspend nodes (argo's <c>ResumeWorkflow</c> and <c>updateSuspendedNode</c>,
/// workflow/util/util.go): checked against the waiting nodes first, by the rules of <see cref="SuspendOutputs"/>, and
/// answered once the picked nodes show what was done.
/// </content>
public sealed partial class WorkflowService
{
    /// <summary>Argo's <c>resume</c>: work carries on and waiting suspend nodes end.</summary>
    public Task<ControlOutcome> ResumeAsync(string name, CancellationToken cancellationToken = default) => ResumeAsync(name, null, cancellationToken);

    /// <summary>
    /// Argo's <c>resume</c> of the suspend nodes <paramref name="nodeFieldSelector"/> picks (all, when null). Without a
    /// selector it is refused while a waiting node has an output with neither a value nor a default, and a workflow
    /// with nothing to resume (one that has ended) is left as it is; with one, it is refused when it picks no waiting node.
    /// </summary>
    /// <exception cref="ControlRefusedException">Refused, as argo-server refuses it.</exception>
    public async Task<ControlOutcome> ResumeAsync(string name, string? nodeFieldSelector, CancellationToken cancellationToken)
    {
        var root = await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ControlOutcome.NotFound;
        }

        var picked = await WaitingSuspendNodesAsync(name, nodeFieldSelector, cancellationToken).ConfigureAwait(false);
        if (nodeFieldSelector is null)
        {
            if (picked.Select(SuspendOutputs.ResumeRefusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                throw new ControlRefusedException(refusal);
            }

            if (root.IsCompleted)
            {
                return ControlOutcome.Done;
            }
        }

        var signal = new ControlSignal(ControlKind.Resume) { NodeFieldSelector = nodeFieldSelector };
        return await SignalSuspendNodesAsync(name, picked, signal, n => n.Phase.Fulfilled(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Argo's <c>set</c> on the waiting suspend nodes <paramref name="nodeFieldSelector"/> picks: records output values
    /// and a message on them, and with a <paramref name="phase"/> ends them with it. Refused without a selector, when it
    /// picks no waiting node, and for an output a node does not wait for (<see cref="SuspendOutputs.SetRefusal"/>).
    /// </summary>
    /// <exception cref="ControlRefusedException">Refused, as argo-server refuses it.</exception>
    public async Task<ControlOutcome> SetAsync(string name, string? nodeFieldSelector, NodePhase? phase, string? message, IReadOnlyDictionary<string, string>? outputs, CancellationToken cancellationToken = default)
    {
        var root = await client.GetInstancesAsync(name, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return ControlOutcome.NotFound;
        }

        if (root.IsCompleted)
        {
            return ControlOutcome.NotRunning;
        }

        if (nodeFieldSelector is null)
        {
            throw new ControlRefusedException("'set' currently only targets suspend nodes, use a node field selector to target them");
        }

        var picked = await WaitingSuspendNodesAsync(name, nodeFieldSelector, cancellationToken).ConfigureAwait(false);
        if (outputs is not null && picked.Select(n => SuspendOutputs.SetRefusal(n, outputs)).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new ControlRefusedException(refusal);
        }

        var signal = new ControlSignal(ControlKind.Set, message) { NodeFieldSelector = nodeFieldSelector, Phase = phase, OutputParameters = outputs };
        return await SignalSuspendNodesAsync(name, picked, signal, Shown, cancellationToken).ConfigureAwait(false);

        bool Shown(NodeStatus node) => phase is not null
            ? node.Phase.Fulfilled()
            : (message is null || node.Message == message)
                && (outputs is null || outputs.All(o => SuspendOutputs.Given(node.Outputs).ContainsKey(o.Key)));
    }

    /// <summary>
    /// Raises <paramref name="signal"/> on the workflow for the waiting suspend nodes <paramref name="picked"/> (refused when
    /// a selector picked none), then waits, at most half the answer timeout, until each of them <paramref name="shows"/> it.
    /// </summary>
    private async Task<ControlOutcome> SignalSuspendNodesAsync(
        string name, IReadOnlyList<NodeStatus> picked, ControlSignal signal, Func<NodeStatus, bool> shows, CancellationToken cancellationToken)
    {
        if (signal.NodeFieldSelector is { } selector && picked.Count == 0)
        {
            throw new ControlRefusedException($"currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: {selector}");
        }

        await client.RaiseEventAsync(name, ControlSignal.EventName, signal, cancellationToken).ConfigureAwait(false);
        var until = time.GetUtcNow() + (options.AnswerTimeout / 2);
        while (picked.Count > 0 && time.GetUtcNow() < until)
        {
            var now = await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false);
            if (picked.All(p => now.TryGetValue(p.Id, out var node) && shows(node)))
            {
                break;
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        return ControlOutcome.Done;
    }

    /// <summary>The suspend nodes of <paramref name="name"/> that wait now and <paramref name="nodeFieldSelector"/> picks (all, when null).</summary>
    private async Task<IReadOnlyList<NodeStatus>> WaitingSuspendNodesAsync(string name, string? nodeFieldSelector, CancellationToken cancellationToken)
    {
        var selector = NodeFieldSelector.Parse(nodeFieldSelector);
        return (await nodes.ReadAsync(name, cancellationToken).ConfigureAwait(false)).Values
            .Where(n => n.Type == NodeType.Suspend && n.Phase == NodePhase.Running && selector.Matches(n))
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .ToList();
    }
}
