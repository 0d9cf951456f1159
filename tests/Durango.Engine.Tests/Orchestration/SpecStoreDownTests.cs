using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// The workflow by reference degrades, never fails: when the root cannot store the spec (the output store stays
/// down), the run carries the spec in its inputs as it did before, and the workflow runs as usual.
/// </summary>
public sealed class SpecStoreDownTests : IAsyncLifetime
{
    private readonly SpecRefusingStore _outputs = new();
    private EngineHarness? _engine;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(services: s => s.AddSingleton<IOutputStore>(_outputs));

    public async Task DisposeAsync() => await _engine!.DisposeAsync();

    [Fact]
    public async Task SpecCannotBeStored_WorkflowRunsWithTheSpecInline()
    {
        var view = await _engine!.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: spec-down-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: inner, template: inner}
                - name: inner
                  steps:
                    - - {name: hello, template: hello}
                - name: hello
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hi", view.Node("hello").Outputs?.Result);
        Assert.True(_outputs.Refused > 0);
        var name = view.Metadata.Name;
        var entry = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(name, name), getInputsAndOutputs: true);
        Assert.Contains("\"inline\":{", entry!.SerializedInput, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The in-memory output store, refusing every write of a workflow's spec.</summary>
    private sealed class SpecRefusingStore : IOutputStore
    {
        private readonly InMemoryOutputStore _inner = new();
        private int _refused;

        public int Refused => _refused;

        public Task PutAsync(string workflow, string key, string value, CancellationToken cancellationToken = default)
        {
            if (key.StartsWith("spec/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refused);
                throw new IOException("storage is down");
            }

            return _inner.PutAsync(workflow, key, value, cancellationToken);
        }

        public Task<string?> GetAsync(string workflow, string key, CancellationToken cancellationToken = default) => _inner.GetAsync(workflow, key, cancellationToken);

        public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => _inner.DeleteAsync(workflow, cancellationToken);
    }
}
