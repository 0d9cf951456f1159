using System.Text.Json.Nodes;

namespace Durango.Engine.Executors;

/// <summary>
/// An Argo executor plugin (<c>plugin: {name: {config}}</c>), such as Durango's <c>email</c>. The configuration
/// arrives substituted.
/// </summary>
public interface IPluginExecutor
{
    /// <summary>The plugin's name, the key under <c>plugin:</c>.</summary>
    string Name { get; }

    /// <summary>Runs the plugin with <paramref name="config"/>.</summary>
    Task<LeafOutcome> RunAsync(JsonObject config, NodeLog log, CancellationToken cancellationToken);
}
