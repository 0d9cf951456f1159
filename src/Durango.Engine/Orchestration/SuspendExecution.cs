using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A suspend node: a durable timer for <c>duration</c>, or a wait for Argo's <c>resume</c>, whichever comes first.
/// While it waits, Argo's <c>set</c> records output values and a message on it (<see cref="SuspendOutputs"/>); a
/// resume that picks it ends it Succeeded with those outputs (else their defaults), and a <c>set</c> with a phase ends
/// it with that phase.
/// </summary>
internal sealed class SuspendExecution(OrchestrationRun run)
{
    public async Task<NodeResult> RunAsync(NodeCall call, Template template, SuspendBody suspend, IReadOnlyDictionary<string, string> scope, NodeInputs? inputs)
    {
        var node = NodeRecords.Begin(run, NodeRecords.Start(run, call, NodeType.Suspend, template, inputs) with { Outputs = SuspendOutputs.Awaited(template) });
        run.Flush();

        using var cancel = new CancellationTokenSource();
        var wake = run.Control.WakeOf(node, given =>
        {
            // Values for outputs the node does not wait for (the API refuses them first) change nothing.
            node = node with { Outputs = SuspendOutputs.WithSet(node.Outputs, given.OutputParameters), Message = given.Message ?? node.Message };
            run.Journal.Record(node);
            run.Flush();
        });
        var waits = new List<Task> { wake, run.Control.Stopped };
        if (suspend.Duration is { } text && ArgoDuration.TryParse(TemplateTags.Substitute(text, scope).Text, out var duration))
        {
            waits.Add(run.Context.CreateTimer(duration, cancel.Token));
        }

        var woke = await Task.WhenAny(waits);
        if (woke != waits[^1] || waits.Count == 2)
        {
            cancel.Cancel();
        }

        NodeStatus final;
        if (woke == run.Control.Stopped)
        {
            final = NodeRecords.Finish(run, node, NodePhase.Failed, run.Control.StopMessage);
        }
        else
        {
            var set = wake.IsCompleted && wake.Result.Kind == ControlKind.Set ? wake.Result : null;
            var given = SuspendOutputs.Given(SuspendOutputs.WithSet(node.Outputs, set?.OutputParameters));
            var outputs = SuspendOutputs.Resolve(template, given);
            var missing = wake.IsCompleted ? null : SuspendOutputs.MissingOnTimeout(template, outputs);
            final = missing is not null
                ? NodeRecords.Finish(run, node, NodePhase.Error, missing)
                : NodeRecords.Finish(run, node, set?.Phase ?? NodePhase.Succeeded, set?.Message ?? node.Message, outputs.Count == 0 ? null : new NodeOutputs { Parameters = outputs });
        }

        return NodeRecords.Complete(run, final);
    }
}
