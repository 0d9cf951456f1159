using Durango.Engine.Activities;
using Durango.Engine.Stores;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Activities;

/// <summary>
/// The engine's services, for calling <see cref="RunLeafActivity"/> directly as Durable would deliver it, without an
/// orchestration: work, log and artifact folders of their own under <see cref="Root"/>, which disposing deletes.
/// </summary>
internal sealed class LeafActivityServices : IDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>The engine's services, with <paramref name="store"/> as the node store when given (in memory otherwise).</summary>
    public LeafActivityServices(INodeStore? store = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        _services = services.AddDurangoEngine(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(Root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(Root, "logs"),
            ["Durango:ArtifactDirectory"] = Path.Combine(Root, "artifacts"),
        }).Build()).BuildServiceProvider();
        Directory.CreateDirectory(Root);
    }

    /// <summary>A folder of this instance's own.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "durango-leaf-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The node store the activity writes to.</summary>
    public INodeStore Nodes => _services.GetRequiredService<INodeStore>();

    /// <summary>The output store large values are read from.</summary>
    public IOutputStore Outputs => _services.GetRequiredService<IOutputStore>();

    /// <summary>Delivers <paramref name="input"/> to the leaf activity, as from orchestration <paramref name="instanceId"/>.</summary>
    public Task<LeafRunResult> RunAsync(LeafRunInput input, string instanceId = "wf:main") =>
        _services.GetRequiredService<RunLeafActivity>().RunAsync(new Context(instanceId), input);

    /// <inheritdoc/>
    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private sealed class Context(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => new("RunLeaf");

        public override string InstanceId => instanceId;
    }
}
