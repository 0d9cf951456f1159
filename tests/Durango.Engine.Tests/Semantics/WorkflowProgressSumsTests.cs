using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// <see cref="WorkflowProgress"/> reuses sums along chains; these pin that the reuse is exact (the same counts as walking
/// every node's descendants, as upstream's <c>updater.go</c> does) and that a long chain of step groups, each hanging
/// under the step before it, costs linear work rather than a walk per group.
/// </summary>
public sealed class WorkflowProgressSumsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Of_RandomGraphs_SameAsWalkingEveryNodesDescendants(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var tree = RandomGraph(random, random.Next(1, 40));

            var (_, nodes) = WorkflowProgress.Of(tree);

            foreach (var (id, node) in tree.Where(n => !n.Value.Type.CountsInProgress()))
            {
                var expected = Walked(tree, node);
                Assert.Equal(expected.IsValid ? expected : (ProgressCount?)null, nodes.TryGetValue(id, out var got) ? got : null);
            }
        }
    }

    [Fact]
    public void Of_ChainOfTenThousandGroups_LinearWork()
    {
        // steps -> g0 -> s0 -> g1 -> s1 -> ... (steps.go's graph), and the same chain with two parallel steps a group.
        foreach (var width in new[] { 1, 2 })
        {
            var tree = Chain(10_000, width);
            var before = GC.GetAllocatedBytesForCurrentThread();

            var (workflow, nodes) = WorkflowProgress.Of(tree);

            // A walk per group allocates a visited set of the rest of the chain each time: gigabytes here.
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024, "allocated more than 64 MiB");
            Assert.Equal($"{10_000 * width}/{10_000 * width}", workflow.ToString());
            Assert.Equal($"{10_000 * width}/{10_000 * width}", nodes["steps"].ToString());
            Assert.Equal($"{width}/{width}", nodes["g9999"].ToString());
            Assert.Equal($"{5_000 * width}/{5_000 * width}", nodes["g5000"].ToString());
        }
    }

    private static Dictionary<string, NodeStatus> Chain(int groups, int width)
    {
        var tree = new Dictionary<string, NodeStatus>(StringComparer.Ordinal) { ["steps"] = Node("steps", NodeType.Steps, "g0") };
        for (var g = 0; g < groups; g++)
        {
            var steps = Enumerable.Range(0, width).Select(i => $"s{g}.{i}").ToArray();
            tree[$"g{g}"] = Node($"g{g}", NodeType.StepGroup, steps);
            foreach (var step in steps)
            {
                tree[step] = Node(step, NodeType.Pod, g + 1 < groups ? [$"g{g + 1}"] : []);
            }
        }

        return tree;
    }

    /// <summary>An acyclic graph: each node's children have higher numbers; some children are missing from the tree.</summary>
    private static Dictionary<string, NodeStatus> RandomGraph(Random random, int count)
    {
        NodeType[] types = [NodeType.Pod, NodeType.StepGroup, NodeType.Steps, NodeType.Dag, NodeType.Retry, NodeType.Suspend];
        var tree = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var children = Enumerable.Range(i + 1, count + 2 - i - 1).Where(_ => random.Next(4) == 0).Take(random.Next(0, 4)).Select(c => $"n{c}").ToArray();
            var phase = random.Next(3) == 0 ? NodePhase.Succeeded : NodePhase.Running;
            tree[$"n{i}"] = Node($"n{i}", types[random.Next(types.Length)], children) with { Phase = phase };
        }

        return tree;
    }

    private static ProgressCount Walked(Dictionary<string, NodeStatus> tree, NodeStatus node)
    {
        var sum = ProgressCount.Zero;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(node.Children);
        while (pending.TryPop(out var id))
        {
            if (visited.Add(id) && tree.TryGetValue(id, out var child))
            {
                sum += child.Type.CountsInProgress() ? WorkflowProgress.Own(child) : ProgressCount.Zero;
                foreach (var grandchild in child.Children)
                {
                    pending.Push(grandchild);
                }
            }
        }

        return sum;
    }

    private static NodeStatus Node(string id, NodeType type, params string[] children) =>
        new() { Id = id, Name = id, DisplayName = id, Type = type, Phase = NodePhase.Succeeded, Children = children };
}
