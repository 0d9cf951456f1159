using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Where a long DAG left off when it continued as new, at a moment when none of its tasks ran: its node, each settled
/// task's state and result (as much of it as later tasks and the end read), the variables of the tasks its text names,
/// and what it had collected. Replaying the whole history at every task's end makes a long DAG on a backend without
/// sessions quadratic; continuing as new every few tasks keeps each history short, as <see cref="StepsProgress"/> does
/// for steps.
/// </summary>
/// <param name="DagNode">The DAG node's Running record.</param>
/// <param name="States">Each settled task's state, which <c>depends</c> and the phase read.</param>
/// <param name="Results">Each settled task's result, trimmed to its node, phase, outbound nodes and iterations' phases.</param>
/// <param name="Ended">The variables (<c>tasks.NAME.*</c>) of the settled tasks the template names.</param>
/// <param name="Failures">Failures of the settled tasks.</param>
/// <param name="Published">Global outputs published so far.</param>
public sealed record DagProgress(
    NodeStatus DagNode,
    IReadOnlyDictionary<string, DependsTaskState> States,
    IReadOnlyDictionary<string, NodeResult> Results,
    IReadOnlyDictionary<string, Dictionary<string, string>> Ended,
    IReadOnlyList<FailedNode> Failures,
    IReadOnlyDictionary<string, string> Published)
{
    /// <summary>
    /// Whether the workflow was suspended when the orchestration continued as new: read then, not when the progress
    /// was made, as for <see cref="StepsProgress.Suspended"/>.
    /// </summary>
    public bool Suspended { get; init; }

    /// <summary>What of <paramref name="result"/> the DAG reads after the task settled: its node, phase, outbound nodes, its iterations' phases.</summary>
    public static NodeResult Trim(NodeResult result) => new()
    {
        NodeId = result.NodeId,
        Phase = result.Phase,
        Daemoned = result.Daemoned,
        Outbound = result.Outbound,
        Iterations = result.Iterations?.Select(i => new NodeResult { NodeId = i.NodeId, Phase = i.Phase }).ToList(),
    };
}
