using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The orchestration of one node: a steps or DAG template (so that each template's history stays short), a
/// lifecycle hook or an exit handler. Its instance id derives from the node name under the root's id, so a
/// replayed parent finds the same child.
/// </summary>
/// <remarks>Deterministic: it reads time and events only through the context.</remarks>
/// <param name="specs">Where the workflow's spec is got by the key the input carries.</param>
public sealed class TemplateOrchestrator(WorkflowSpecs specs) : TaskOrchestrator<TemplateRunInput, NodeResult>
{
    /// <inheritdoc/>
    public override async Task<NodeResult> RunAsync(TaskOrchestrationContext context, TemplateRunInput input)
    {
        var run = new OrchestrationRun(context, specs.Get(input.Workflow), input.Workflow, input.RootInstanceId, input.Globals, input.Stoppable, input.Deadline, input.Limits, input.Depth)
        {
            Reuse = input.Reuse,
            WorkflowStartedAt = input.StartedAt,
            DagProgress = input.DagProgress,
        };
        run.Journal.RecordAll(input.Pending);
        if (input.Progress?.Suspended == true || input.DagProgress?.Suspended == true)
        {
            run.Control.RestoreSuspended();
        }

        run.Control.Listen();

        // The enclosing deadline is watched from here; a steps or DAG template's own limit (Deadlines) tightens it
        // once its inputs are bound (NodeExecutor).
        run.DeadlineWatch.Start();
        var result = await new NodeExecutor(run).ExecuteAsync(input.Call, input.Arguments, inline: true, input.Progress);
        run.DeadlineWatch.End();
        if (result.ContinueFrom is not null || result.ContinueDag is not null)
        {
            // Signals heard while the writes settle, and those still on their way, go to the next execution
            // (ControlChannel.CarryOver); the deadline carries on, not anew. Records whose write failed go on with the
            // pending ones.
            await run.SettleWritesAsync();
            context.ContinueAsNew(
                input with
                {
                    Progress = result.ContinueFrom is { } steps ? steps with { Suspended = run.Control.IsSuspended } : null,
                    DagProgress = result.ContinueDag is { } dag ? dag with { Suspended = run.Control.IsSuspended } : null,
                    Pending = run.Journal.TakeAll(),
                    Globals = run.Globals,
                    Deadline = run.Deadline,
                },
                preserveUnprocessedEvents: true);
            run.Control.CarryOver();
            return result;
        }

        await run.FlushAndWaitAsync();
        return result with { GlobalOutputs = run.PublishedGlobals, Pending = [] };
    }
}
