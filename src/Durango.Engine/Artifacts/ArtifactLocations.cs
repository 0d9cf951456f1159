using Durango.Core.Spec;
using Durango.Engine.Executors;

namespace Durango.Engine.Artifacts;

/// <summary>
/// Which repository and key an artifact's <c>azure</c> location means: a key alone is in the default repository;
/// an endpoint and container open that container with the account key from its secret, or with the host's identity
/// (<c>useSDKCreds</c>). A missing secret is an error that names the secret and key, never a value.
/// </summary>
public sealed class ArtifactLocations(DefaultArtifactRepository defaults, IAzureArtifactRepositories azure, ISecretStore secrets)
{
    /// <summary>The default repository.</summary>
    public IArtifactRepository Default => defaults.Repository;

    /// <summary>The repository and key of <paramref name="location"/>.</summary>
    public (IArtifactRepository Repository, string Key) Locate(AzureArtifact location)
    {
        if (location.KeyOnly)
        {
            return (defaults.Repository, location.Blob);
        }

        if (!Uri.TryCreate(location.Endpoint, UriKind.Absolute, out var endpoint))
        {
            throw new ArtifactException($"azure artifact endpoint '{location.Endpoint}' is not a URL; write https://ACCOUNT.blob.core.windows.net");
        }

        string? key = null;
        if (location.AccountKeySecret is { } secret)
        {
            key = secrets.Get(secret.Name, secret.Key);
            if (key is null && !secret.Optional)
            {
                throw new ArtifactException($"secret '{secret.Name}' has no key '{secret.Key}' (azure accountKeySecret); set configuration Secrets:{secret.Name}:{secret.Key}");
            }
        }

        return (azure.Open(endpoint, location.Container!, key, location.UseSDKCreds), location.Blob);
    }

    /// <summary>The secret values an artifact of <paramref name="artifacts"/> uses, so that logs and messages can redact them.</summary>
    public IEnumerable<string> SecretValues(IEnumerable<Artifact> artifacts) => artifacts
        .SelectMany(a => new[] { a.Azure?.AccountKeySecret, a.Http?.BasicUsername, a.Http?.BasicPassword })
        .OfType<SecretKeyRef>()
        .Select(r => secrets.Get(r.Name, r.Key))
        .OfType<string>();

    /// <summary>The value of <paramref name="secret"/>, or an error naming it.</summary>
    public string Secret(SecretKeyRef secret, string what) => secrets.Get(secret.Name, secret.Key)
        ?? throw new ArtifactException($"secret '{secret.Name}' has no key '{secret.Key}' ({what}); set configuration Secrets:{secret.Name}:{secret.Key}");
}

/// <summary>No <c>azure</c> driver on this host (the engine alone, without Durango.Storage).</summary>
internal sealed class NoAzureArtifactRepositories : IAzureArtifactRepositories
{
    public IArtifactRepository Open(Uri endpoint, string container, string? accountKey, bool useSdkCredentials) =>
        throw new ArtifactException("this host has no azure artifact driver; register Durango.Storage's AddDurangoAzureArtifacts");
}
