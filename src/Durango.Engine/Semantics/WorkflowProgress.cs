using System.Globalization;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>Argo's <c>N/M</c> progress: <paramref name="Done"/> of <paramref name="Total"/> units of work complete.</summary>
public readonly record struct ProgressCount(long Done, long Total)
{
    /// <summary>No work (<c>0/0</c>): what a workflow without countable nodes shows; not a valid node progress.</summary>
    public static readonly ProgressCount Zero = new(0, 0);

    /// <summary>A countable node's own progress before it completes (<c>0/1</c>).</summary>
    public static readonly ProgressCount Default = new(0, 1);

    /// <summary>Whether a node may carry this progress: some work, no more done than there is.</summary>
    public bool IsValid => Total > 0 && Done >= 0 && Done <= Total;

    /// <summary>All of the work done.</summary>
    public ProgressCount Complete() => this with { Done = Total };

    /// <summary>The sum of two progresses.</summary>
    public static ProgressCount operator +(ProgressCount a, ProgressCount b) => new(a.Done + b.Done, a.Total + b.Total);

    /// <summary>Argo's text: <c>N/M</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Done}/{Total}");
}

/// <summary>
/// A workflow's progress and its nodes' (upstream <c>workflow/progress/updater.go</c>, <c>UpdateProgress</c>): a node that
/// does work itself (<see cref="NodeTypes.CountsInProgress"/>) is <c>0/1</c>, complete once Succeeded, Skipped or Omitted;
/// any other node shows the sum over the countable nodes reachable through its children, each counted once, and none
/// when that sum is empty; the workflow's is the sum over every countable node.
/// </summary>
/// <remarks>
/// Durango has no logged progress (<c>ARGO_PROGRESS_FILE</c>), so a countable node is always one unit. Sums follow the
/// children, which are upstream's graph (<see cref="OutboundNodes"/>): a step group reaches its own steps and, through
/// them, the later groups of the same steps; a DAG task the tasks that depend on it.
/// </remarks>
public static class WorkflowProgress
{
    /// <summary>The workflow's progress over <paramref name="tree"/> and each node's, by node id (absent when a node has none).</summary>
    public static (ProgressCount Workflow, IReadOnlyDictionary<string, ProgressCount> Nodes) Of(IReadOnlyDictionary<string, NodeStatus> tree)
    {
        var nodes = new Dictionary<string, ProgressCount>(StringComparer.Ordinal);
        var workflow = ProgressCount.Zero;
        foreach (var (id, node) in tree)
        {
            if (node.Type.CountsInProgress())
            {
                var own = Own(node);
                nodes[id] = own;
                workflow += own;
            }
        }

        foreach (var (id, node) in tree)
        {
            if (!node.Type.CountsInProgress() && Sum(tree, nodes, node) is { IsValid: true } sum)
            {
                nodes[id] = sum;
            }
        }

        return (workflow, nodes);
    }

    /// <summary>A countable node's own progress: one unit, done once the node Succeeded, or was Skipped or Omitted.</summary>
    public static ProgressCount Own(NodeStatus node) =>
        node.Phase is NodePhase.Succeeded or NodePhase.Skipped or NodePhase.Omitted ? ProgressCount.Default.Complete() : ProgressCount.Default;

    /// <summary>The sum of the countable nodes' <paramref name="own"/> progress below <paramref name="node"/>, each once.</summary>
    private static ProgressCount Sum(IReadOnlyDictionary<string, NodeStatus> tree, Dictionary<string, ProgressCount> own, NodeStatus node)
    {
        var sum = ProgressCount.Zero;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(node.Children);
        while (pending.TryPop(out var childId))
        {
            // A child not (yet) in the tree is passed over, as upstream tolerates one.
            if (!visited.Add(childId) || !tree.TryGetValue(childId, out var child))
            {
                continue;
            }

            if (child.Type.CountsInProgress())
            {
                sum += own[childId];
            }

            foreach (var grandchild in child.Children)
            {
                pending.Push(grandchild);
            }
        }

        return sum;
    }
}
