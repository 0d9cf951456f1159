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

        var below = new ReachSums(tree, new Dictionary<string, ProgressCount>(nodes, StringComparer.Ordinal));
        foreach (var (id, node) in tree)
        {
            if (!node.Type.CountsInProgress() && below.Of(id) is { IsValid: true } sum)
            {
                nodes[id] = sum;
            }
        }

        return (workflow, nodes);
    }

    /// <summary>A countable node's own progress: one unit, done once the node Succeeded, or was Skipped or Omitted.</summary>
    public static ProgressCount Own(NodeStatus node) =>
        node.Phase is NodePhase.Succeeded or NodePhase.Skipped or NodePhase.Omitted ? ProgressCount.Default.Complete() : ProgressCount.Default;

    /// <summary>
    /// The sum of the countable nodes' own progress reachable below each node, each counted once. Walking every node's
    /// descendants is quadratic in a long chain (each step group hangs under the step before it), so a sum is kept per
    /// node and reused where reuse is exact: below a node with one child, that child and what is below it; below a node
    /// whose every child has that same single node as its only child (a group of parallel steps before the next group),
    /// the children, that node and what is below it. Other shapes (a DAG's diamonds) are walked, each reachable node once.
    /// </summary>
    private sealed class ReachSums(IReadOnlyDictionary<string, NodeStatus> tree, IReadOnlyDictionary<string, ProgressCount> own)
    {
        private readonly Dictionary<string, ProgressCount> _sums = new(StringComparer.Ordinal);
        private readonly HashSet<string> _open = new(StringComparer.Ordinal);

        public ProgressCount Of(string id)
        {
            // Post-order without recursion: a chain may be thousands of nodes deep.
            var pending = new Stack<string>();
            pending.Push(id);
            while (pending.TryPeek(out var top))
            {
                if (_sums.ContainsKey(top))
                {
                    pending.Pop();
                    continue;
                }

                var shape = Shape(top);
                if (shape.Next is { } next && !_sums.ContainsKey(next) && _open.Add(top))
                {
                    pending.Push(next);
                    continue;
                }

                _open.Remove(top);
                _sums[top] = shape.Next is { } after && _sums.TryGetValue(after, out var reused)
                    ? shape.Children.Aggregate(ProgressCount.Zero, (sum, child) => sum + Counted(child))
                        + (shape.Children.Contains(after, StringComparer.Ordinal) ? ProgressCount.Zero : Counted(after)) + reused
                    : Walk(top);
                pending.Pop();
            }

            return _sums[id];
        }

        /// <summary>A node's children in the tree and, when its sum may reuse one node's, that node.</summary>
        private (IReadOnlyList<string> Children, string? Next) Shape(string id)
        {
            var children = Present(tree[id].Children);
            if (children.Count == 1)
            {
                return ([], children[0]);
            }

            // Reused only when every child leads to that node alone (or is it): a child with no children of its own
            // could lie below it, and would be counted twice.
            var after = children.SelectMany(c => Present(tree[c].Children)).Distinct(StringComparer.Ordinal).Take(2).ToList();
            return children.Count > 1 && after.Count == 1
                && children.All(c => c == after[0] || Present(tree[c].Children) is [var only] && only == after[0])
                ? (children, after[0])
                : (children, null);
        }

        private List<string> Present(IEnumerable<string> ids) => ids.Where(tree.ContainsKey).Distinct(StringComparer.Ordinal).ToList();

        private ProgressCount Counted(string id) => own.TryGetValue(id, out var progress) ? progress : ProgressCount.Zero;

        /// <summary>The sum over every node reachable below <paramref name="id"/>, each once.</summary>
        private ProgressCount Walk(string id)
        {
            var sum = ProgressCount.Zero;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(tree[id].Children);
            while (pending.TryPop(out var childId))
            {
                // A child not (yet) in the tree is passed over, as upstream tolerates one.
                if (!visited.Add(childId) || !tree.TryGetValue(childId, out var child))
                {
                    continue;
                }

                sum += Counted(childId);
                foreach (var grandchild in child.Children)
                {
                    pending.Push(grandchild);
                }
            }

            return sum;
        }
    }
}
