namespace Durango.Engine.Artifacts;

/// <summary>
/// Where artifacts are kept: the default repository (a local folder on the in-memory embedded host, a Blob container
/// in the workflow's storage account otherwise) or a container an <c>azure</c> artifact names. Objects are read and
/// written as streams, never whole in memory. A key with objects under <c>key/</c> is a directory.
/// </summary>
public interface IArtifactRepository
{
    /// <summary>What the repository is, for messages (never a secret).</summary>
    string Description { get; }

    /// <summary>A stream that writes object <paramref name="key"/>, replacing it; disposing it commits the object.</summary>
    Task<Stream> OpenWriteAsync(string key, CancellationToken cancellationToken);

    /// <summary>A stream over object <paramref name="key"/>, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The keys of the objects under <paramref name="prefix"/> (a directory: <c>key/</c>), in order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes object <paramref name="key"/> and every object under <c>key/</c>; true when something was deleted.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Opens the Blob container an <c>azure</c> artifact names (its endpoint, container and credentials).</summary>
public interface IAzureArtifactRepositories
{
    /// <summary>
    /// The container <paramref name="container"/> at <paramref name="endpoint"/>, reached with
    /// <paramref name="accountKey"/> (shared key), or with the host's identity when <paramref name="useSdkCredentials"/>.
    /// </summary>
    IArtifactRepository Open(Uri endpoint, string container, string? accountKey, bool useSdkCredentials);
}

/// <summary>The default artifact repository, with the name it has in configuration.</summary>
/// <param name="Repository">The repository.</param>
public sealed record DefaultArtifactRepository(IArtifactRepository Repository);
