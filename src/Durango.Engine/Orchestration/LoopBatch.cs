using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The input of a <see cref="LoopBatchOrchestrator"/>: some iterations of one loop step or task, run in a child
/// orchestration of their own so that the loop's orchestration replays a few batches, not every iteration.
/// </summary>
/// <param name="Workflow">The resolved workflow, by reference.</param>
/// <param name="RootInstanceId">The instance id of the workflow's root orchestration.</param>
/// <param name="Loop">Which loop: the steps or DAG template, and the step or task in it.</param>
/// <param name="Items">The iterations of this batch.</param>
/// <param name="Scope">The variables the loop's iterations start from (each adds its item's).</param>
/// <param name="Globals">The <c>workflow.*</c> variables as the caller sees them.</param>
/// <param name="Pending">Node records to write, carried from the caller.</param>
/// <param name="Parallelism">How many iterations of this batch run at once; null for no cap.</param>
/// <param name="Stoppable">False under an exit handler.</param>
/// <param name="Deadline">The enclosing deadline, if any.</param>
/// <param name="Reuse">For Argo's retry: succeeded leaf nodes of the previous run, by name.</param>
/// <param name="Limits">The root's limits.</param>
/// <param name="Depth">The loop's orchestration's depth (a batch is not a level of nesting).</param>
/// <param name="StartedAt">When the workflow started running (<see cref="OrchestrationRun.WorkflowStartedAt"/>).</param>
public sealed record LoopBatchInput(
    WorkflowRef Workflow,
    string RootInstanceId,
    LoopRef Loop,
    IReadOnlyList<LoopItem> Items,
    IReadOnlyDictionary<string, string> Scope,
    IReadOnlyDictionary<string, string> Globals,
    IReadOnlyList<NodeStatus> Pending,
    int? Parallelism,
    bool Stoppable,
    DateTimeOffset? Deadline,
    IReadOnlyDictionary<string, NodeStatus>? Reuse,
    WorkflowLimits Limits,
    int Depth,
    DateTimeOffset? StartedAt = null);

/// <summary>One loop step or task.</summary>
/// <param name="TemplateKey">The steps or DAG template it belongs to.</param>
/// <param name="BoundaryName">The steps or DAG node's name.</param>
/// <param name="LoopName">The loop's node name: iterations are named from it.</param>
/// <param name="InvocationName">The step's or task's name.</param>
/// <param name="Group">For a step, its group's index; null for a DAG task.</param>
public sealed record LoopRef(string TemplateKey, string BoundaryName, string LoopName, string InvocationName, int? Group);

/// <summary>What a batch gives back: each iteration's result, in item order, and the global outputs they published.</summary>
/// <param name="Results">The iterations' results.</param>
/// <param name="GlobalOutputs">Global outputs published by the iterations.</param>
public sealed record LoopBatchResult(IReadOnlyList<NodeResult> Results, IReadOnlyDictionary<string, string> GlobalOutputs);
