using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's <c>terminate</c> (upstream: the controller's shutdown with strategy Terminate): the workflow ends at once,
/// without its exit handler, and every node that has not ended — running, pending, waiting — ends Failed with Argo's
/// message, so that no node of a terminated workflow stays Running.
/// </summary>
public static class WorkflowTermination
{
    /// <summary>The records that end <paramref name="nodes"/>' unfinished nodes, Failed at <paramref name="now"/>.</summary>
    public static IReadOnlyList<NodeStatus> EndUnfinished(IEnumerable<NodeStatus> nodes, DateTimeOffset now) =>
        nodes.Where(n => !n.Phase.Fulfilled())
            .Select(n => n with { Phase = NodePhase.Failed, Message = ArgoMessages.Terminated, FinishedAt = now })
            .ToList();
}
