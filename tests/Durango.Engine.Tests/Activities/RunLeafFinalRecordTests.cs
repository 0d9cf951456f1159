using System.Collections.Concurrent;
using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Activities;

/// <summary>
/// A leaf's final record: the activity writes it, but its result does not wait for a write that is still on its way (a
/// remote store), and then says so (<see cref="LeafRunResult.Recorded"/> false), so that the orchestration records the
/// node too. A write that never lands (the host died, the store stayed down) therefore cannot leave a node Running.
/// </summary>
public sealed class RunLeafFinalRecordTests
{
    [Fact]
    public async Task RunAsync_StoreAnswersAtOnce_TheActivityRecordedTheNode()
    {
        using var leaf = new LeafActivityServices();
        var result = await leaf.RunAsync(Input());

        Assert.Equal((NodePhase.Succeeded, true), (result.Phase, result.Recorded));
        Assert.Equal(NodePhase.Succeeded, (await leaf.Nodes.ReadAsync("wf"))["wf-1"].Phase);
    }

    [Fact]
    public async Task RunAsync_WriteStillOnItsWay_ReturnsUnrecorded_TheWriteLandsAfter()
    {
        var store = new HeldFinalWrites(new InMemoryNodeStore());
        using var leaf = new LeafActivityServices(store);

        // Bounded: an activity that waited for the held write would never return.
        var result = await leaf.RunAsync(Input()).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal((NodePhase.Succeeded, false), (result.Phase, result.Recorded));
        Assert.Equal(NodePhase.Running, (await store.ReadAsync("wf"))["wf-1"].Phase);
        store.Release();
        await Eventually.HoldsAsync(async () => (await store.ReadAsync("wf"))["wf-1"].Phase == NodePhase.Succeeded, "the held write landed");
    }

    [Fact]
    public async Task Workflow_LeavesFinalWritesNeverLand_EveryNodeStillEndsInTheTree()
    {
        // Held forever: as if each leaf's host died right after its result went back.
        var store = new HeldFinalWrites(new InMemoryNodeStore());
        await using var engine = await EngineHarness.StartAsync(services: s => s.AddSingleton<INodeStore>(store));

        var view = await engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: held-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: first, template: echo}
                    - - {name: each, template: echo, withSequence: {count: "3"}}
                    - - {name: last, template: graph}
                - name: graph
                  dag:
                    tasks:
                      - {name: a, template: echo}
                      - {name: b, template: echo, depends: a}
                - name: echo
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.True(store.Held > 0, "no final write was held");
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();
        Assert.Equal(6, pods.Count);
        Assert.All(pods, n => Assert.True(n.Phase == NodePhase.Succeeded && n.FinishedAt is not null && n.Outputs?.Result == "hi", view.Describe()));
    }

    private static LeafRunInput Input()
    {
        var template = new Template { Name = "hi", Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = ["echo", "hi"] }) };
        var node = new NodeStatus { Id = "wf-1", Name = "wf", DisplayName = "wf", Type = NodeType.Pod, Phase = NodePhase.Running, StartedAt = DateTimeOffset.UtcNow };
        return new LeafRunInput("wf", "uid", node, "wf-hi-1", template, null, [node]);
    }

    /// <summary>
    /// A node store whose first write of a pod's final record (what the leaf activity writes) is held until
    /// <see cref="Release"/>; every other write, including the orchestration's records of the same node, goes through.
    /// </summary>
    private sealed class HeldFinalWrites(INodeStore inner) : INodeStore
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
        private int _held;

        public int Held => _held;

        public void Release() => _release.TrySetResult();

        public async Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
        {
            if (nodes is [{ Type: NodeType.Pod } node] && node.Phase.Fulfilled() && _seen.TryAdd(node.Id, true))
            {
                Interlocked.Increment(ref _held);
                await _release.Task.ConfigureAwait(false);
            }

            await inner.WriteAsync(workflow, nodes, cancellationToken).ConfigureAwait(false);
        }

        public Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default) => inner.ReadAsync(workflow, cancellationToken);

        public Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default) => inner.ReplaceAsync(workflow, nodes, cancellationToken);

        public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => inner.DeleteAsync(workflow, cancellationToken);
    }
}
