using Azure.Storage.Blobs;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;

namespace Durango.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobStoreTests(AzuriteFixture azurite)
{
    private readonly BlobServiceClient _blobs = StorageAccount.Parse(azurite.Server.ConnectionString).CreateBlobServiceClient();

    private StorageContainer Container() => new(_blobs.GetBlobContainerClient("test-" + Guid.NewGuid().ToString("N")));

    private static NodeStatus Node(string id, NodePhase phase, params string[] children) => new()
    {
        Id = id,
        Name = id,
        DisplayName = id,
        Type = NodeType.Pod,
        Phase = phase,
        Children = children,
    };

    [Fact]
    public async Task NodeStore_ConcurrentWritersFromTwoHosts_MergeIntoOneTree_ReadIncrementally()
    {
        var container = Container();
        var hostA = new BlobNodeStore(container);
        var hostB = new BlobNodeStore(new StorageContainer(container.Client));

        await hostA.WriteAsync("wf", [Node("wf", NodePhase.Running, "a")]);
        Assert.Equal(NodePhase.Running, (await hostB.ReadAsync("wf"))["wf"].Phase);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? hostA : hostB).WriteAsync("wf", [Node($"n{i}", NodePhase.Succeeded), Node("wf", NodePhase.Running, $"n{i}")])));
        await hostB.WriteAsync("wf", [Node("wf", NodePhase.Succeeded)]);

        var tree = await hostB.ReadAsync("wf");
        Assert.Equal(41, tree.Count);
        Assert.Equal(NodePhase.Succeeded, tree["wf"].Phase);
        Assert.Equal(41, tree["wf"].Children.Count);
        Assert.Equal(tree.Keys.Order(), (await hostA.ReadAsync("wf")).Keys.Order());
    }

    [Fact]
    public async Task NodeStore_ReplaceOnOneHost_IsSeenByAnotherHostsCachedTree()
    {
        var container = Container();
        var writer = new BlobNodeStore(container);
        var reader = new BlobNodeStore(new StorageContainer(container.Client));
        await writer.WriteAsync("wf", [Node("a", NodePhase.Failed), Node("b", NodePhase.Succeeded)]);
        Assert.Equal(2, (await reader.ReadAsync("wf")).Count);

        await writer.ReplaceAsync("wf", [Node("b", NodePhase.Succeeded)]);

        Assert.Equal(["b"], (await reader.ReadAsync("wf")).Keys);
        await writer.DeleteAsync("wf");
        Assert.Empty(await reader.ReadAsync("wf"));
    }

    [Fact]
    public async Task NodeStore_ReadNodes_SeesAnotherHostsStopTheCountAndADelete()
    {
        var container = Container();
        var leafHost = new BlobNodeStore(container);
        var apiHost = new BlobNodeStore(new StorageContainer(container.Client));
        await leafHost.WriteAsync("wf", [Node("wf", NodePhase.Running, "a"), Node("a", NodePhase.Running)]);
        var before = await leafHost.ReadNodesAsync("wf", ["a", "missing"]);
        Assert.Equal(NodePhase.Running, before!.Nodes["a"].Phase);
        Assert.Equal(2, before.Count);

        await apiHost.WriteAsync("wf", [Node("a", NodePhase.Failed) with { Message = ArgoMessages.Stopped }]);

        var seen = await leafHost.ReadNodesAsync("wf", ["a", "missing"]);
        Assert.Equal(["a"], seen!.Nodes.Keys);
        Assert.Equal(ArgoMessages.Stopped, seen.Nodes["a"].Message);
        await apiHost.DeleteAsync("wf");
        Assert.Null(await leafHost.ReadNodesAsync("wf", ["a"]));
    }

    [Fact]
    public async Task NodeStore_ManyRecordsInOneWrite_AreSplitIntoAppendsThatFit()
    {
        var store = new BlobNodeStore(Container());
        var pad = new string('p', 3000);
        var nodes = Enumerable.Range(0, 2000).Select(i => Node($"n{i}", NodePhase.Succeeded) with { Message = pad }).ToList();

        await store.WriteAsync("wf", nodes);

        Assert.Equal(2000, (await store.ReadAsync("wf")).Count);
    }

    [Fact]
    public async Task LogStore_ReadsOnFromOffsets_WithoutSplittingCharacters_AndDeletesPerWorkflow()
    {
        var store = new BlobLogStore(Container());
        await store.AppendAsync("wf", "n1", "héllo\n");
        var first = await store.ReadAsync("wf", "n1", 0);
        Assert.Equal("héllo\n", first.Text);

        await store.AppendAsync("wf", "n1", "wörld ✓\n");
        await store.AppendAsync("other", "n1", "kept\n");
        var next = await store.ReadAsync("wf", "n1", first.NextOffset);
        Assert.Equal("wörld ✓\n", next.Text);
        Assert.Equal(string.Empty, (await store.ReadAsync("wf", "n1", next.NextOffset)).Text);
        Assert.Equal(string.Empty, (await store.ReadAsync("wf", "missing", 0)).Text);

        await store.DeleteAsync("wf");
        Assert.Equal(string.Empty, (await store.ReadAsync("wf", "n1", 0)).Text);
        Assert.Equal("kept\n", (await store.ReadAsync("other", "n1", 0)).Text);
    }

    [Fact]
    public async Task OutputStore_PutGetDelete_MissingIsNull()
    {
        var store = new BlobOutputStore(Container());
        var value = new string('v', 1024 * 1024);

        await store.PutAsync("wf", "wf-1/result", value);
        await store.PutAsync("wf", "wf-1/result", value);

        Assert.Equal(value, await store.GetAsync("wf", "wf-1/result"));
        Assert.Null(await store.GetAsync("wf", "wf-1/parameters.x"));
        await store.DeleteAsync("wf");
        Assert.Null(await store.GetAsync("wf", "wf-1/result"));
    }

    [Fact]
    public async Task TemplateStore_RoundTripsSourceAndTime_AndAnotherHostSeesReplacements()
    {
        var container = Container();
        var store = new BlobTemplateStore(container);
        var other = new BlobTemplateStore(new StorageContainer(container.Client));
        var created = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        await store.PutAsync(Template("greet", "hello", created));

        var read = await other.GetAsync(WorkflowKind.WorkflowTemplate, "greet");
        Assert.NotNull(read);
        Assert.Equal(created, read.CreatedAt);
        Assert.Contains("hello", read.Source, StringComparison.Ordinal);
        Assert.Equal("greet", Assert.Single(await other.ListAsync(WorkflowKind.WorkflowTemplate)).Name);
        Assert.Empty(await other.ListAsync(WorkflowKind.ClusterWorkflowTemplate));

        await store.PutAsync(Template("greet", "bonjour", created.AddHours(1)));
        Assert.Contains("bonjour", Assert.Single(await other.ListAsync(WorkflowKind.WorkflowTemplate)).Source, StringComparison.Ordinal);

        Assert.True(await other.DeleteAsync(WorkflowKind.WorkflowTemplate, "greet"));
        Assert.False(await other.DeleteAsync(WorkflowKind.WorkflowTemplate, "greet"));
        Assert.Null(await store.GetAsync(WorkflowKind.WorkflowTemplate, "greet"));
    }

    [Fact]
    public async Task Container_DeletedUnderARunningHost_IsCreatedAgain()
    {
        var container = Container();
        var store = new BlobOutputStore(container);
        await store.PutAsync("wf", "n/result", "one");

        await container.Client.DeleteAsync();
        await Eventually.HoldsAsync(async () => !(await container.Client.ExistsAsync()).Value, "the container to be deleted");
        await store.PutAsync("wf", "n/result", "two");

        Assert.Equal("two", await store.GetAsync("wf", "n/result"));
    }

    private static StoredTemplate Template(string name, string message, DateTimeOffset createdAt)
    {
        var source = $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{name}}}
            spec:
              templates:
                - name: say
                  container: {image: alpine, command: [echo, {{message}}]}
            """;
        return new StoredTemplate(WorkflowLoader.Load(source, "t.yaml").Documents[0].Document, source, createdAt);
    }
}
