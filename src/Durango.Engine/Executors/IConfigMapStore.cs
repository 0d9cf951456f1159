using Microsoft.Extensions.Configuration;

namespace Durango.Engine.Executors;

/// <summary>Where <c>configMapKeyRef</c>s resolve: parameters' values and semaphores' limits.</summary>
public interface IConfigMapStore
{
    /// <summary>The value of key <paramref name="key"/> of ConfigMap <paramref name="name"/>, or null.</summary>
    string? Get(string name, string key);

    /// <summary>Durango's own limit of the semaphore on that key (<c>Durango:Semaphores:&lt;name&gt;:&lt;key&gt;</c>), or null.</summary>
    string? SemaphoreLimit(string name, string key);
}

/// <summary>
/// ConfigMaps from configuration, <c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c>: app settings or Key Vault references in
/// Azure (<c>ConfigMaps__name__key</c>), <c>local.settings.json</c>, <c>--config</c> or environment variables locally.
/// </summary>
public sealed class ConfigurationConfigMapStore(IConfiguration configuration) : IConfigMapStore
{
    /// <inheritdoc/>
    public string? Get(string name, string key) => configuration[$"ConfigMaps:{name}:{key}"];

    /// <inheritdoc/>
    public string? SemaphoreLimit(string name, string key) => configuration[$"Durango:Semaphores:{name}:{key}"];
}
