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

    // Argo's retry runs a workflow again under its node ids; a record of the terminated run still on its way (a step's
    // Failed record) must not end the retried run's node, which a running step also reads to hear a stop.
    [Fact]
    public void Merge_RecordsOfTwoRuns_TheLaterRunWinsInEitherOrder()
    {
        var terminated = Node(NodePhase.Failed) with
        {
            StartedAt = T0,
            FinishedAt = T0.AddSeconds(2),
            Message = "Stopped with strategy 'Terminate'",
            Children = ["old"],
        };
        var retried = Node(NodePhase.Running) with { StartedAt = T0.AddSeconds(5), Children = ["new"], Run = 1 };

        foreach (var merged in new[] { NodeStatusMerge.Merge(terminated, retried), NodeStatusMerge.Merge(retried, terminated) })
        {
            Assert.Equal(NodePhase.Running, merged.Phase);
            Assert.Equal(T0.AddSeconds(5), merged.StartedAt);
            Assert.Null(merged.Message);
            Assert.Equal(["new"], merged.Children);
        }
    }

    // Durable delivers at least once: an episode a killed host sent messages for but never saved runs again on another
    // host, later, and sends the leaf's start again, stamped with that later time. It must not undo the node's end,
    // which tells the second delivery not to run the step again (CI: an exit handler ran twice in ScaleOutTests).
    [Fact]
    public void Merge_AStartSentAgainAfterTheNodeEnded_KeepsTheEnd()
    {
        var ended = Node(NodePhase.Succeeded) with { StartedAt = T0, FinishedAt = T0.AddSeconds(1), Outputs = new NodeOutputs { Result = "done" } };
        var startAgain = Node(NodePhase.Running) with { StartedAt = T0.AddSeconds(30) };

        foreach (var merged in new[] { NodeStatusMerge.Merge(ended, startAgain), NodeStatusMerge.Merge(startAgain, ended) })
        {
            Assert.Equal(NodePhase.Succeeded, merged.Phase);
            Assert.Equal("done", merged.Outputs?.Result);
            Assert.Equal(T0, merged.StartedAt);
        }
    }

    // A child link of the retried run (Pending, no times) joins a node the retry kept, which the retry stamps with the
    // new run: the kept record's result stays.
    [Fact]
    public void Merge_ALinkOfTheRetriedRun_KeepsTheKeptNode()
    {
        var kept = Node(NodePhase.Succeeded) with { FinishedAt = T0.AddSeconds(9), Run = 1 };
        var merged = NodeStatusMerge.Merge(kept, Node(NodePhase.Pending, "child") with { Run = 1 });

        Assert.Equal(NodePhase.Succeeded, merged.Phase);
        Assert.Equal(["child"], merged.Children);
    }

    [Fact]
    public void Merge_TwoFulfilledRecords_FirstWins()
    {
        var first = Node(NodePhase.Failed) with { Message = "stopped" };
        var merged = NodeStatusMerge.Merge(first, Node(NodePhase.Succeeded));

        Assert.Equal(NodePhase.Failed, merged.Phase);
        Assert.Equal("stopped", merged.Message);
    }

    [Fact]
    public void Merge_OneMoreChildOfALargeNode_DoesNotCopyItsChildren()
    {
        // A steps node gains one child per group, one record at a time: a merge that copied the children made a
        // 10,000-group chain quadratic (issue 12). Bytes allocated, not time, so the bound holds on a busy machine.
        var tree = new Dictionary<string, NodeStatus>();
        NodeStatusMerge.Apply(tree, Enumerable.Range(0, 5_000).Select(i => Node(NodePhase.Running, $"group-{i}")));
        NodeStatus[] records = [Node(NodePhase.Pending, "group-5000"), Node(NodePhase.Pending, "group-4999")];

        var before = GC.GetAllocatedBytesForCurrentThread();
        NodeStatusMerge.Apply(tree, records);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(5_001, tree["n"].Children.Count);
        Assert.Equal(["group-0", "group-1"], tree["n"].Children.Take(2));
        Assert.Equal("group-5000", tree["n"].Children[^1]);
        Assert.True(allocated < 16_000, $"one merge allocated {allocated} bytes for a node of 5,000 children");
    }

    [Fact]
    public void Merge_ChildrenAlreadyKnown_KeepsTheKnownList()
    {
        var known = NodeStatusMerge.Merge(Node(NodePhase.Running, "a", "b"), Node(NodePhase.Pending, "c"));
        var merged = NodeStatusMerge.Merge(known, Node(NodePhase.Pending, "b", "c"));

        Assert.Same(known.Children, merged.Children);
        Assert.Equal(["a", "b", "c"], merged.Children);
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
