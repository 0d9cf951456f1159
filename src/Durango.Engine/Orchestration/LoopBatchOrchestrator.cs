using Durango.Core.Spec;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Some iterations of one loop step or task (<see cref="LoopBatches"/>): each runs exactly as it would in the loop's
/// own orchestration (its <c>when</c>, arguments, hooks, retries), under the same names.
/// </summary>
/// <remarks>Deterministic: it reads time and events only through the context.</remarks>
/// <param name="specs">Where the workflow's spec is got by the key the input carries.</param>
public sealed class LoopBatchOrchestrator(WorkflowSpecs specs) : TaskOrchestrator<LoopBatchInput, LoopBatchResult>
{
    /// <inheritdoc/>
    public override async Task<LoopBatchResult> RunAsync(TaskOrchestrationContext context, LoopBatchInput input)
    {
        var run = new OrchestrationRun(context, specs.Get(input.Workflow), input.Workflow, input.RootInstanceId, input.Globals, input.Stoppable, input.Deadline, input.Limits, input.Depth)
        {
            Reuse = input.Reuse,
            WorkflowStartedAt = input.StartedAt,
        };
        run.Journal.RecordAll(input.Pending);
        run.Control.Listen();
        run.DeadlineWatch.Start();

        var executor = new NodeExecutor(run);
        var loop = input.Loop;
        var body = run.Workflow.Template(loop.TemplateKey).Body;
        Func<Semantics.LoopItem, Task<NodeResult>> iteration = body switch
        {
            StepsBody steps when loop.Group is { } group => StepsIteration(new StepsExecution(run, executor), steps.Groups[group].First(s => s.Name == loop.InvocationName)),
            DagBody dag => DagIteration(new DagExecution(run, executor), dag.Tasks.First(t => t.Name == loop.InvocationName)),
            _ => throw new InvalidOperationException($"template '{loop.TemplateKey}' has no loop '{loop.InvocationName}'"),
        };

        var results = await Throttle.RunAsync(input.Items.Select(item => (Func<Task<NodeResult>>)(() => iteration(item))).ToList(), input.Parallelism);
        run.DeadlineWatch.End();
        await run.FlushAndWaitAsync();
        return new LoopBatchResult(results, run.PublishedGlobals);

        Func<Semantics.LoopItem, Task<NodeResult>> StepsIteration(StepsExecution steps, WorkflowStep step) =>
            item => steps.RunStepAsync(loop.BoundaryName, step, item.NodeName(loop.LoopName), item.Scope(input.Scope));

        Func<Semantics.LoopItem, Task<NodeResult>> DagIteration(DagExecution dag, DagTask task) =>
            item => dag.RunOneAsync(loop.BoundaryName, task, item.NodeName(loop.LoopName), item.Scope(input.Scope));
    }
}
