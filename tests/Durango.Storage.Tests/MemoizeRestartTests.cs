using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Storage.Tests;

/// <summary>
/// A memoization cache on Azure Storage outlives its host: a workflow's node saves its outputs, the host stops, a
/// new host on the same account and task hub runs the workflow again and the node is a hit that does not run
/// (upstream keeps caches in ConfigMaps, which outlive the controller the same way).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MemoizeRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MemoizedNode_AfterHostRestart_IsAHitFromBlobStorage()
    {
        var hub = AzuriteFixture.NewTaskHub("memo");
        var runs = Path.Combine("/var/tmp", "durango-memo-" + Guid.NewGuid().ToString("N"));
        var yaml = $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: memoized-}
            spec:
              entrypoint: world-to-file
              templates:
                - name: world-to-file
                  memoize:
                    key: cache-key
                    maxAge: 1h
                    cache:
                      configMap: {name: cache-config}
                  container: {image: busybox, command: [sh, -c], args: ["echo ran >> {{runs}}; echo world > /tmp/hello_world.txt"]}
                  outputs:
                    parameters:
                      - name: hello
                        valueFrom: {path: /tmp/hello_world.txt}
            """;
        var backend = new EmbeddedBackendOptions { Storage = azurite.Server.ConnectionString, TaskHub = hub };
        try
        {
            WorkflowView first;
            await using (var host = await EngineHarness.StartAsync(backend: backend))
            {
                first = await host.RunAsync(yaml);
            }

            await using var restarted = await EngineHarness.StartAsync(backend: backend);
            var second = await restarted.RunAsync(yaml);

            Assert.Equal(WorkflowPhase.Succeeded, first.Status.Phase);
            Assert.False(first.Node(first.Metadata.Name).MemoizationStatus!.Hit);
            Assert.Equal(WorkflowPhase.Succeeded, second.Status.Phase);
            var node = second.Node(second.Metadata.Name);
            Assert.Equal(new MemoizationStatus(true, "cache-key", "cache-config"), node.MemoizationStatus);
            Assert.Equal("world", node.Outputs?.Parameter("hello"));
            Assert.Single(File.ReadAllLines(runs));
        }
        finally
        {
            File.Delete(runs);
        }
    }
}
