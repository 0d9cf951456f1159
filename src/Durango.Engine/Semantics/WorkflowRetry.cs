using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's workflow retry (<c>argo retry</c>, upstream <c>FormulateRetryWorkflow</c>): what a failed workflow keeps when
/// it runs again. Leaf nodes that succeeded keep their results and are not run again; everything else runs anew —
/// failed nodes, the steps and DAG nodes above them, hooks, and the exit handler, which must see the new outcome.
/// </summary>
public static class WorkflowRetry
{
    /// <summary>The nodes of <paramref name="workflowName"/>'s previous run that the retry keeps.</summary>
    public static IEnumerable<NodeStatus> Kept(IEnumerable<NodeStatus> nodes, string workflowName)
    {
        var exitHandler = HookRules.ExitNodeName(workflowName);
        return nodes.Where(n => n.Phase == NodePhase.Succeeded && n.Type.IsLeaf())
            .Where(n => !n.Name.StartsWith(exitHandler, StringComparison.Ordinal) && n.NodeFlag?.Hooked != true);
    }
}
