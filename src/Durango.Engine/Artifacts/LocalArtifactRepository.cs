namespace Durango.Engine.Artifacts;

/// <summary>
/// The default repository of the in-memory embedded host: one file per object under a folder
/// (<c>Durango:Artifacts:Directory</c>), so that <c>durango run artifact-passing.yaml</c> works with nothing installed.
/// </summary>
public sealed class LocalArtifactRepository(string root) : IArtifactRepository
{
    private const int BufferSize = 81920;

    /// <inheritdoc/>
    public string Description => $"the local artifact folder {root}";

    /// <inheritdoc/>
    public Task<Stream> OpenWriteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true));
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true) : null);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var directory = PathOf(prefix.TrimEnd('/'));
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return prefix.TrimEnd('/') + "/" + Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key.TrimEnd('/'));
        var deleted = false;
        if (File.Exists(path))
        {
            File.Delete(path);
            deleted = true;
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            deleted = true;
        }

        return Task.FromResult(deleted);
    }

    /// <summary>The file of <paramref name="key"/>; a key that would leave the folder is refused.</summary>
    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(root, key.TrimStart('/')));
        var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(rootFull, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"artifact key '{key}' leaves the repository; use a relative key without '..'", nameof(key));
    }
}
