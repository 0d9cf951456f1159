using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Testing;
using Microsoft.DurableTask.Client;

namespace Durango.Engine.Tests.Locks;

/// <summary>
/// A lock's orchestration ends once nobody has held or waited for it for <c>Durango:LockIdleTimeout</c>, and the next
/// holder starts it again (real engine, in-memory backend, process runtime).
/// </summary>
public sealed class LockIdleTests : IAsyncLifetime
{
    private const string Mutexed = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: idle-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps: [[{name: a, template: held}, {name: b, template: held}]]
            - name: held
              synchronization: {mutexes: [{name: idle-lock}], semaphores: [{configMapKeyRef: {name: idle-config, key: slots}}]}
              container: {image: alpine, command: [echo, ok]}
        """;

    private EngineHarness? _engine;

    private EngineHarness Engine => _engine!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
    {
        ["ConfigMaps:idle-config:slots"] = "1",
        ["Durango:LockIdleTimeout"] = "00:00:01",
        ["Durango:LockCheckInterval"] = "00:00:01",
    });

    public async Task DisposeAsync() => await Engine.DisposeAsync();

    [Fact]
    public async Task IdleLock_Ends_AndTheNextHolderStartsItAgain()
    {
        var keys = new[] { "argo/Mutex/idle-lock", "argo/ConfigMap/idle-config/slots" };

        var first = await Engine.RunAsync(Mutexed);
        Assert.Equal(WorkflowPhase.Succeeded, first.Status.Phase);
        foreach (var key in keys)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await WaitForEndAsync(key)).RuntimeStatus);
        }

        var second = await Engine.RunAsync(Mutexed);
        Assert.Equal(WorkflowPhase.Succeeded, second.Status.Phase);
        Assert.All(new[] { first, second }, view => Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}[0].b").Phase));
        foreach (var key in keys)
        {
            var ended = await WaitForEndAsync(key);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);

            // The second run started the lock again: after the second workflow was created.
            Assert.True(ended.CreatedAt >= second.Metadata.CreationTimestamp, $"{key} created {ended.CreatedAt:O}, the workflow {second.Metadata.CreationTimestamp:O}");
        }
    }

    private async Task<OrchestrationMetadata> WaitForEndAsync(string key)
    {
        using var timeout = new CancellationTokenSource(EngineHarness.Patience);
        return await Engine.Client.WaitForInstanceCompletionAsync(SynchronizationRules.InstanceId(key), timeout.Token);
    }
}
