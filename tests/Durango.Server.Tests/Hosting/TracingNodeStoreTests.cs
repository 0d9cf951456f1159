using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Tests.Hosting;

/// <summary>The telemetry decorator the embedded host puts around its node store costs what the store costs.</summary>
public sealed class TracingNodeStoreTests
{
    [Fact]
    public async Task ReadNodesAsync_LargeTree_DoesNotCopyTheTree()
    {
        // A running leaf reads its own record (and the node count) at its start and every poll: the decorator once
        // copied the whole tree for each read, which made a long chain quadratic (issue 12). Bytes, not time.
        await using var services = new ServiceCollection().AddSingleton<INodeStore, InMemoryNodeStore>().AddDurangoTelemetry().BuildServiceProvider();
        var store = services.GetRequiredService<INodeStore>();
        Assert.IsType<TracingNodeStore>(store);
        await store.WriteAsync("wf", Enumerable.Range(0, 5_000).Select(i => new NodeStatus
        {
            Id = $"wf-{i}",
            Name = $"wf[{i}]",
            DisplayName = $"s{i}",
            Type = NodeType.Pod,
            Phase = NodePhase.Succeeded,
        }).ToList());
        await store.ReadNodesAsync("wf", ["wf-7"]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var lookup = await store.ReadNodesAsync("wf", ["wf-7"]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(lookup);
        Assert.Equal(5_000, lookup.Count);
        Assert.Equal("s7", lookup.Nodes["wf-7"].DisplayName);
        Assert.True(allocated < 16_000, $"one read allocated {allocated} bytes from a tree of 5,000 nodes");
    }
}
