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

    /// <summary>
    /// The nodes the retry keeps when <paramref name="restart"/> (<c>--restart-successful --node-field-selector</c>) picks
    /// nodes to run again: as upstream's <c>FormulateRetryWorkflow</c>, a picked node runs again with everything under it
    /// in the graph, which holds what follows it too (the later step groups, the dependent tasks: <see cref="OutboundNodes"/>).
    /// </summary>
    public static IEnumerable<NodeStatus> Kept(IEnumerable<NodeStatus> nodes, string workflowName, NodeFieldSelector? restart)
    {
        var all = nodes.ToList();
        if (restart is null)
        {
            return Kept(all, workflowName);
        }

        var byId = all.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rerun = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<NodeStatus>(all.Where(restart.Matches));
        while (pending.TryPop(out var node))
        {
            if (rerun.Add(node.Id))
            {
                foreach (var child in node.Children.Where(byId.ContainsKey))
                {
                    pending.Push(byId[child]);
                }
            }
        }

        return Kept(all, workflowName).Where(n => !rerun.Contains(n.Id));
    }

    /// <summary>
    /// The nodes the retry keeps (<see cref="Kept(IEnumerable{NodeStatus}, string, NodeFieldSelector?)"/>) as records of
    /// its own run <paramref name="run"/> (<see cref="NodeStatus.Run"/>): the retried run's records then merge with
    /// them, and a late record of the run before changes none of them.
    /// </summary>
    public static List<NodeStatus> KeptFor(int run, IEnumerable<NodeStatus> nodes, string workflowName, NodeFieldSelector? restart) =>
        Kept(nodes, workflowName, restart).Select(n => n with { Run = run }).ToList();
}
