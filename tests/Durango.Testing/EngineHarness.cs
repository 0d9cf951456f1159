using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Testing;

/// <summary>
/// The real engine on the embedded in-memory Durable backend, composed exactly as <c>durango run</c> composes it,
/// with a <see cref="WorkflowService"/> in front: what orchestration tests run workflows through. Every harness
/// gets its own work and log directories.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly EmbeddedRuntime _runtime;
    private readonly string _root;

    private EngineHarness(EmbeddedRuntime runtime, string root)
    {
        _runtime = runtime;
        _root = root;
    }

    /// <summary>The workflow service over the engine.</summary>
    public WorkflowService Workflows => _runtime.Workflows;

    /// <summary>The Durable client of the embedded backend.</summary>
    public DurableTaskClient Client => _runtime.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The engine's services.</summary>
    public IServiceProvider Services => _runtime.Services;

    /// <summary>
    /// How long a test waits for a workflow before it gives up: a hang guard, not a performance check, so it is long
    /// enough for the heaviest test (60 workflows on three hosts, 2,000 nodes on Azurite) on a shared, loaded machine.
    /// </summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Starts the engine; <paramref name="settings"/> are configuration (<c>Secrets:x:y</c>, <c>Durango:...</c>),
    /// <paramref name="services"/> registrations that take precedence (a stand-in's credential).
    /// </summary>
    public static async Task<EngineHarness> StartAsync(
        IDictionary<string, string?>? settings = null, EmbeddedBackendOptions? backend = null, Action<IServiceCollection>? services = null)
    {
        // Not under /tmp: process steps get a private /tmp, which would hide their working directories.
        var root = Path.Combine(OperatingSystem.IsLinux() ? "/var/tmp" : Path.GetTempPath(), "durango-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(root, "logs"),
            ["Durango:ArtifactDirectory"] = Path.Combine(root, "artifacts"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        // Without extended sessions every orchestration replays its history at each step, as on Azure by default: the
        // engine's determinism under replay is what these tests hold it to (InMemorySessionsTests and the CLI's and
        // serve's tests run with the sessions).
        var runtime = await EmbeddedRuntime.StartAsync(configuration, backend ?? new EmbeddedBackendOptions { ExtendedSessions = false }, extra: services)
            .ConfigureAwait(false);
        return new EngineHarness(runtime, root);
    }

    /// <summary>Submits <paramref name="yaml"/> and fails the test with the diagnostics if it is not accepted.</summary>
    public async Task<string> SubmitAsync(string yaml, params (string Name, string Value)[] parameters)
    {
        var outcome = await Workflows.SubmitAsync(new SubmitRequest(yaml, "test.yaml", parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList())).ConfigureAwait(false);
        if (outcome.Status != SubmitStatus.Accepted)
        {
            throw new InvalidOperationException($"{outcome.Status}: {outcome.Message}\n{string.Join("\n", outcome.Diagnostics)}");
        }

        return outcome.Name!;
    }

    /// <summary>Waits until workflow <paramref name="name"/> has ended and returns it.</summary>
    public async Task<WorkflowView> WaitAsync(string name)
    {
        using var patience = new CancellationTokenSource(Patience);
        await Client.WaitForInstanceCompletionAsync(name, patience.Token).ConfigureAwait(false);
        return (await Workflows.GetAsync(name, patience.Token).ConfigureAwait(false))!;
    }

    /// <summary>Submits <paramref name="yaml"/>, waits for the end and returns the workflow.</summary>
    public async Task<WorkflowView> RunAsync(string yaml, params (string Name, string Value)[] parameters) =>
        await WaitAsync(await SubmitAsync(yaml, parameters).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Waits until <paramref name="condition"/> holds of workflow <paramref name="name"/>.</summary>
    public Task<WorkflowView> WaitUntilAsync(string name, Func<WorkflowView, bool> condition) =>
        Eventually.ValueAsync(async () => await Workflows.GetAsync(name).ConfigureAwait(false) is { } view && condition(view) ? view : null, $"workflow {name}");

    /// <summary>The whole log of the node whose display name is <paramref name="displayName"/>.</summary>
    public async Task<string> LogOfAsync(string workflow, string displayName)
    {
        var lines = new List<string>();
        await foreach (var line in Workflows.LogsAsync(workflow, displayName, follow: false).ConfigureAwait(false))
        {
            lines.Add(line.Text);
        }

        return string.Join("\n", lines);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process of a stopped node may still hold a file; the temp directory is cleaned by the OS.
        }
    }
}

/// <summary>Finding nodes in a workflow view.</summary>
public static class WorkflowViews
{
    /// <summary>The node named <paramref name="name"/> (full name or display name); fails when absent.</summary>
    public static NodeView Node(this WorkflowView view, string name) =>
        view.Status.Nodes.Values.FirstOrDefault(n => n.Name == name)
        ?? view.Status.Nodes.Values.FirstOrDefault(n => n.DisplayName == name)
        ?? throw new KeyNotFoundException($"no node '{name}'; nodes: {string.Join(", ", view.Status.Nodes.Values.Select(n => n.Name))}");

    /// <summary>True when a node named <paramref name="name"/> exists.</summary>
    public static bool HasNode(this WorkflowView view, string name) =>
        view.Status.Nodes.Values.Any(n => n.Name == name || n.DisplayName == name);

    /// <summary>The workflow's phase and message and each node's, one per line, for a test's failure message.</summary>
    public static string Describe(this WorkflowView view) =>
        string.Join(
            Environment.NewLine,
            view.Status.Nodes.Values.OrderBy(n => n.StartedAt).Select(n => $"  {n.Name} ({n.Type}): {n.Phase} {n.Message}")
                .Prepend($"{view.Metadata.Name}: {view.Status.Phase} {view.Status.Message}"));
}
