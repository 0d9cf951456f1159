using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// A step the user sees once runs once per attempt: a store that fails after the step ran (storing its large
/// output) is retried alone, never by running the step again. Each step appends to a marks file, which the
/// assertions read.
/// </summary>
public sealed class RunOnceTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/var/tmp", "durango-once-tests", Guid.NewGuid().ToString("N"));
    private readonly FlakyOutputStore _outputs = new();
    private EngineHarness? _engine;

    private string Marks => Path.Combine(_root, "marks.txt");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _engine = await EngineHarness.StartAsync(services: s => s.AddSingleton<IOutputStore>(_outputs));
    }

    public async Task DisposeAsync()
    {
        await _engine!.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task StoreFailsOnceAfterTheStep_StepRanExactlyOnceAndSucceeds()
    {
        _outputs.FailuresLeft = 1;

        var view = await _engine!.RunAsync(Workflow());

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(["ran"], File.ReadAllLines(Marks));
        Assert.Equal(1, _outputs.Failures);
        Assert.Equal(NodePhase.Succeeded, view.Node(view.Metadata.Name).Phase);
    }

    [Fact]
    public async Task StoreStaysDownAfterTheStep_StepRanOnceAndTheNodeErrorsSayingWhy()
    {
        _outputs.FailuresLeft = int.MaxValue;

        var view = await _engine!.RunAsync(Workflow());

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Equal(["ran"], File.ReadAllLines(Marks));
        Assert.StartsWith("the step ran, but its outputs could not be stored", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
    }

    /// <summary>A step that marks that it ran and prints more than the inline limit, so that its result is stored.</summary>
    private string Workflow() => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: once-}
        spec:
          entrypoint: main
          templates:
            - name: main
              container:
                image: alpine
                command: [sh, -c, 'echo ran >> {{Marks}}; head -c 6000 /dev/zero | tr "\0" x']
        """;

    /// <summary>
    /// The in-memory output store, failing the next <see cref="FailuresLeft"/> writes of step outputs as a storage
    /// hiccup would (the workflow's spec, stored before any step, is written as usual; see <c>SpecStoreDownTests</c>).
    /// </summary>
    private sealed class FlakyOutputStore : IOutputStore
    {
        private readonly InMemoryOutputStore _inner = new();
        private int _failures;

        public int FailuresLeft { get; set; }

        public int Failures => _failures;

        public Task PutAsync(string workflow, string key, string value, CancellationToken cancellationToken = default)
        {
            if (FailuresLeft > 0 && !key.StartsWith("spec/", StringComparison.Ordinal))
            {
                FailuresLeft--;
                Interlocked.Increment(ref _failures);
                throw new IOException("storage is having a moment");
            }

            return _inner.PutAsync(workflow, key, value, cancellationToken);
        }

        public Task<string?> GetAsync(string workflow, string key, CancellationToken cancellationToken = default) => _inner.GetAsync(workflow, key, cancellationToken);

        public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => _inner.DeleteAsync(workflow, cancellationToken);
    }
}
