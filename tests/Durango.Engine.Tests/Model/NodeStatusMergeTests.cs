using Durango.Engine.Model;

namespace Durango.Engine.Tests.Model;

public sealed class NodeStatusMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static NodeStatus Node(NodePhase phase, params string[] children) => new()
    {
        Id = "n",
        Name = "wf.n",
        DisplayName = "n",
        Type = NodeType.Pod,
        Phase = phase,
        StartedAt = phase == NodePhase.Pending ? null : T0.AddSeconds((int)phase),
        Children = children,
    };

    [Fact]
    public void Merge_AnyOrder_SameResult()
    {
        NodeStatus[] records = [Node(NodePhase.Running, "a"), Node(NodePhase.Pending, "b"), Node(NodePhase.Succeeded), Node(NodePhase.Pending, "c")];
        var results = Permutations(records).Select(order =>
        {
            var tree = new Dictionary<string, NodeStatus>();
            NodeStatusMerge.Apply(tree, order);
            return tree["n"];
        }).ToList();

        Assert.All(results, r => Assert.Equal(NodePhase.Succeeded, r.Phase));
        Assert.All(results, r => Assert.Equal(T0.AddSeconds(1), r.StartedAt));
        Assert.All(results, r => Assert.Equal(["a", "b", "c"], r.Children.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Merge_TwoFulfilledRecords_FirstWins()
    {
        var first = Node(NodePhase.Failed) with { Message = "stopped" };
        var merged = NodeStatusMerge.Merge(first, Node(NodePhase.Succeeded));

        Assert.Equal(NodePhase.Failed, merged.Phase);
        Assert.Equal("stopped", merged.Message);
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
