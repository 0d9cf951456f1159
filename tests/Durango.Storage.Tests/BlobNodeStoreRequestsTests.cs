using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Storage.Tests;

/// <summary>
/// What a leaf's start costs in requests on Azurite (each a round trip per step on Azure): writing the records it
/// carries and looking at its node (<see cref="BlobNodeStore.WriteThenReadNodesAsync"/>), and that the look is never stale.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobNodeStoreRequestsTests(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    private BlobContainerClient Container()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        return new BlobServiceClient(azurite.Server.ConnectionString, options).GetBlobContainerClient("test-" + Guid.NewGuid().ToString("N"));
    }

    private static NodeStatus Node(string id, NodePhase phase) => new() { Id = id, Name = id, DisplayName = id, Type = NodeType.Pod, Phase = phase };

    [Fact]
    public async Task WriteThenReadNodesAsync_NothingWrittenSinceThisHostLooked_OneRequest()
    {
        var store = new BlobNodeStore(new StorageContainer(Container()));
        await store.WriteAsync("wf", [Node("wf", NodePhase.Running)]);
        await store.ReadNodesAsync("wf", ["wf"]);

        // A chain: each step's start (records, then a look) and its end, all from this host.
        for (var i = 0; i < 3; i++)
        {
            var before = _requests.Count;
            var known = await store.WriteThenReadNodesAsync("wf", [Node($"s{i}", NodePhase.Running)], [$"s{i}", "wf"]);
            Assert.Equal(1, _requests.Count - before);
            Assert.Equal(NodePhase.Running, known!.Nodes[$"s{i}"].Phase);
            Assert.Equal(NodePhase.Running, known.Nodes["wf"].Phase);
            Assert.Equal(2 + i, known.Count);
            await store.WriteAsync("wf", [Node($"s{i}", NodePhase.Succeeded)]);
        }
    }

    [Fact]
    public async Task WriteThenReadNodesAsync_AnotherHostWroteBetween_ReadsItsRecords()
    {
        var container = Container();
        var leafHost = new BlobNodeStore(new StorageContainer(container));
        var apiHost = new BlobNodeStore(new StorageContainer(container));
        await leafHost.WriteAsync("wf", [Node("wf", NodePhase.Running)]);
        await leafHost.ReadNodesAsync("wf", ["wf"]);

        // A stop recorded elsewhere after this host last looked: the leaf must see it before it runs.
        await apiHost.WriteAsync("wf", [Node("s0", NodePhase.Failed) with { Message = "Stopped with strategy 'Stop'" }]);
        var before = _requests.Count;
        var known = await leafHost.WriteThenReadNodesAsync("wf", [Node("s0", NodePhase.Running)], ["s0"]);

        // The append under the cached ETag is refused, then it is appended and the journal read on.
        Assert.Equal(3, _requests.Count - before);
        Assert.Equal(NodePhase.Failed, known!.Nodes["s0"].Phase);
        Assert.Equal("Stopped with strategy 'Stop'", known.Nodes["s0"].Message);
    }

    [Fact]
    public async Task WriteThenReadNodesAsync_JournalReplacedElsewhereWithTheSameLength_SeesTheNewJournal()
    {
        var container = Container();
        var leafHost = new BlobNodeStore(new StorageContainer(container));
        var apiHost = new BlobNodeStore(new StorageContainer(container));
        await leafHost.WriteAsync("wf", [Node("wf", NodePhase.Running), Node("s0", NodePhase.Failed)]);
        await leafHost.ReadNodesAsync("wf", ["s0"]);

        // Argo's retry writes the journal anew (a new generation); here exactly as long as the one the leaf host cached.
        await apiHost.ReplaceAsync("wf", [Node("wf", NodePhase.Running), Node("s1", NodePhase.Failed)]);
        var known = await leafHost.WriteThenReadNodesAsync("wf", [Node("s0", NodePhase.Running)], ["s0", "s1"]);

        Assert.Equal(NodePhase.Running, known!.Nodes["s0"].Phase);
        Assert.Equal(NodePhase.Failed, known.Nodes["s1"].Phase);
        Assert.Equal(3, known.Count);
    }

    [Fact]
    public async Task WriteThenReadNodesAsync_FirstWriteOfTheWorkflow_ReadsBack()
    {
        var store = new BlobNodeStore(new StorageContainer(Container()));

        var known = await store.WriteThenReadNodesAsync("wf", [Node("wf", NodePhase.Running), Node("s0", NodePhase.Running)], ["s0"]);

        Assert.Equal(NodePhase.Running, known!.Nodes["s0"].Phase);
        Assert.Equal(2, known.Count);
    }

    [Fact]
    public async Task WriteThenReadNodesAsync_ConcurrentWritersOnOneHost_EachSeesItsOwnAndAllEarlierRecords()
    {
        var store = new BlobNodeStore(new StorageContainer(Container()));
        await store.WriteAsync("wf", [Node("wf", NodePhase.Running)]);
        await store.ReadNodesAsync("wf", ["wf"]);

        var looks = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.WriteThenReadNodesAsync("wf", [Node($"n{i}", NodePhase.Running)], [$"n{i}", "wf"])));

        Assert.All(looks.Select((look, i) => (look, i)), l => Assert.Equal(NodePhase.Running, l.look!.Nodes[$"n{l.i}"].Phase));
        Assert.Equal(21, (await store.ReadAsync("wf")).Count);
    }

    /// <summary>Counts the requests sent (every try).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
