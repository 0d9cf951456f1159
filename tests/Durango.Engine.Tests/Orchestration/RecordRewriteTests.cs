using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// Node records an orchestration writes in the background (<c>OrchestrationRun.Flush</c>) are not lost when the store
/// refuses them: the orchestration takes back the records of a write that failed and writes them again before it
/// ends. The record here is the one that ends a daemon when its steps end, which nothing else writes: if it were
/// dropped, the daemon's node would stay Running and daemoned for ever.
/// </summary>
public sealed class RecordRewriteTests : IAsyncLifetime
{
    private readonly FlakyNodeStore _nodes = new();
    private EngineHarness? _engine;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(services: s => s.AddSingleton<INodeStore>(_nodes));

    public async Task DisposeAsync() => await _engine!.DisposeAsync();

    [Fact]
    public async Task TheWriteThatEndsADaemonFailsEveryTry_ItIsWrittenAgainBeforeTheStepsEnd()
    {
        // Every try of one background write (the activity's three attempts) fails.
        _nodes.Refuse = nodes => nodes.Any(n => n.DisplayName == "server" && n.FinishedAt is not null);
        _nodes.RefusalsLeft = 3;

        var view = await _engine!.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: rewrite-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: server, template: server}
                    - - {name: client, template: client}
                - name: server
                  daemon: true
                  container: {image: alpine, command: [sleep, "300"]}
                - name: client
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(3, _nodes.Refusals);
        var server = view.Node("server");
        Assert.Equal(NodePhase.Succeeded, server.Phase);
        Assert.NotEqual(true, server.Daemoned);
        Assert.NotNull(server.FinishedAt);
    }

    /// <summary>The in-memory node store, refusing the next <see cref="RefusalsLeft"/> writes that <see cref="Refuse"/> picks, as a storage outage would.</summary>
    private sealed class FlakyNodeStore : INodeStore
    {
        private readonly InMemoryNodeStore _inner = new();
        private int _refusalsLeft;
        private int _refusals;

        public int Refusals => Volatile.Read(ref _refusals);

        public Func<IReadOnlyList<NodeStatus>, bool> Refuse { get; set; } = _ => false;

        public int RefusalsLeft
        {
            get => Volatile.Read(ref _refusalsLeft);
            set => Volatile.Write(ref _refusalsLeft, value);
        }

        public Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
        {
            if (Refuse(nodes) && Interlocked.Decrement(ref _refusalsLeft) >= 0)
            {
                Interlocked.Increment(ref _refusals);
                throw new IOException("storage is having a moment");
            }

            return _inner.WriteAsync(workflow, nodes, cancellationToken);
        }

        public Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(workflow, cancellationToken);

        public Task<NodeLookup?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default) =>
            ((INodeStore)_inner).ReadNodesAsync(workflow, nodeIds, cancellationToken);

        public Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default) =>
            _inner.ReplaceAsync(workflow, nodes, cancellationToken);

        public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => _inner.DeleteAsync(workflow, cancellationToken);
    }
}
