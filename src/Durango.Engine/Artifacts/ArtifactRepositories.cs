using Durango.Core.Spec;
using Durango.Engine.Semantics;
using Microsoft.Extensions.Configuration;

namespace Durango.Engine.Artifacts;

/// <summary>An artifact repository: where a step's outputs and log go (<see cref="Location"/>, its blob a key format).</summary>
/// <param name="Location">Key-only for the default repository; else the container, with its credentials.</param>
/// <param name="ArchiveLogs">The repository's own <c>archiveLogs</c>: every step's log is archived.</param>
public sealed record ArtifactRepository(AzureArtifact Location, bool ArchiveLogs);

/// <summary>
/// The artifact repositories named in configuration, as Argo names them in its <c>artifact-repositories</c> ConfigMap:
/// <c>Durango:ArtifactRepositories:&lt;configMap&gt;:&lt;key&gt;</c> holds Argo's repository fields,
/// <c>Azure:Endpoint</c>, <c>Azure:Container</c>, <c>Azure:AccountKeySecret:Name</c> and <c>:Key</c> (or
/// <c>Azure:UseSDKCreds</c>), <c>Azure:BlobNameFormat</c> and <c>ArchiveLogs</c>. A workflow without
/// <c>artifactRepositoryRef</c> uses the default repository (<c>Durango:ArchiveLogs</c> is its <c>archiveLogs</c>).
/// </summary>
public sealed class ArtifactRepositories(IConfiguration configuration)
{
    /// <summary>The configuration section that holds the named repositories.</summary>
    public const string Section = "Durango:ArtifactRepositories";

    /// <summary>The default repository's <c>archiveLogs</c> (<c>Durango:ArchiveLogs</c>).</summary>
    public bool DefaultArchivesLogs => configuration.GetValue<bool>("Durango:ArchiveLogs");

    /// <summary>The repository <paramref name="reference"/> names, or the default one; an error says which setting to set.</summary>
    public ArtifactRepository Resolve(ArtifactRepositoryRef? reference)
    {
        if (reference is null)
        {
            return new ArtifactRepository(ArtifactRepositoryRules.DefaultLocation, DefaultArchivesLogs);
        }

        var configMap = string.IsNullOrEmpty(reference.ConfigMap) ? ArtifactRepositoryRef.DefaultConfigMap : reference.ConfigMap;
        var map = configuration.GetSection($"{Section}:{configMap}");
        var key = reference.Key;
        if (string.IsNullOrEmpty(key))
        {
            var keys = map.GetChildren().Select(c => c.Key).ToList();
            key = keys.Count == 1
                ? keys[0]
                : throw new ArtifactException($"artifactRepositoryRef names no key and configMap '{configMap}' has {(keys.Count == 0 ? "no repository" : "more than one")}; give artifactRepositoryRef.key, or configure {Section}:{configMap}:<key>");
        }

        var section = map.GetSection(key);
        var azure = section.GetSection("Azure");
        var (endpoint, container) = (azure["Endpoint"], azure["Container"]);
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(container))
        {
            throw new ArtifactException($"artifact repository '{key}' of configMap '{configMap}' is not configured; set {Section}:{configMap}:{key}:Azure:Endpoint and :Azure:Container");
        }

        var secret = azure.GetSection("AccountKeySecret");
        return new ArtifactRepository(
            new AzureArtifact
            {
                Endpoint = endpoint,
                Container = container,
                Blob = azure["BlobNameFormat"] is { Length: > 0 } format ? format : ArtifactRepositoryRules.DefaultKeyFormat,
                AccountKeySecret = secret["Name"] is { Length: > 0 } name ? new SecretKeyRef(name, secret["Key"] ?? string.Empty) : null,
                UseSDKCreds = azure.GetValue<bool>("UseSDKCreds"),
            },
            section.GetValue<bool>("ArchiveLogs"));
    }
}
