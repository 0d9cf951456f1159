using Microsoft.Extensions.Configuration;

namespace Durango.Engine.Executors;

/// <summary>Where <c>secretKeyRef</c>s resolve. Values must never reach logs, status or errors.</summary>
public interface ISecretStore
{
    /// <summary>The value of key <paramref name="key"/> of secret <paramref name="name"/>, or null.</summary>
    string? Get(string name, string key);
}

/// <summary>
/// Secrets from configuration, <c>Secrets:&lt;name&gt;:&lt;key&gt;</c>: app settings or Key Vault references in
/// Azure (<c>Secrets__name__key</c>), <c>local.settings.json</c> or environment variables locally.
/// </summary>
public sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    /// <inheritdoc/>
    public string? Get(string name, string key) => configuration[$"Secrets:{name}:{key}"];
}
