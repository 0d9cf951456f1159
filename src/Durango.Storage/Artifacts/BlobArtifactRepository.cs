using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Durango.Engine.Artifacts;

namespace Durango.Storage.Artifacts;

/// <summary>
/// Artifacts in one Blob container: the default repository (<c>{hub}-artifacts</c> in the workflow's storage account,
/// created on first use) or the container an <c>azure</c> artifact names (which must exist, as in Argo). Blobs are
/// written and read as streams in blocks, never whole in memory.
/// </summary>
public sealed class BlobArtifactRepository(BlobContainerClient container, bool createContainer) : IArtifactRepository
{
    private const int BlockSize = 4 * 1024 * 1024;
    private readonly StorageContainer? _owned = createContainer ? new StorageContainer(container) : null;

    /// <inheritdoc/>
    public string Description => $"container '{container.Name}' at {container.Uri.GetLeftPart(UriPartial.Authority)}";

    /// <inheritdoc/>
    public async Task<Stream> OpenWriteAsync(string key, CancellationToken cancellationToken)
    {
        if (_owned is not null)
        {
            await _owned.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }

        return await Run(() => container.GetBlockBlobClient(key)
            .OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions { BufferSize = BlockSize }, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(key)
                .OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = BlockSize }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw Failure(e);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await pages.MoveNextAsync().ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    yield break;
                }
                catch (RequestFailedException e)
                {
                    throw Failure(e);
                }

                if (!more)
                {
                    yield break;
                }

                foreach (var blob in pages.Current.Values)
                {
                    yield return blob.Name;
                }
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var deleted = false;
        var trimmed = key.TrimEnd('/');
        var keys = new List<string> { trimmed };
        await foreach (var child in ListAsync(trimmed + "/", cancellationToken).ConfigureAwait(false))
        {
            keys.Add(child);
        }

        foreach (var name in keys)
        {
            var response = await Run(() => container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            deleted |= response.Value;
        }

        return deleted;
    }

    private async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>The storage service's error without anything but its status and code (never a key or a SAS).</summary>
    private ArtifactException Failure(RequestFailedException e) =>
        new($"{Description} answered {e.Status} {e.ErrorCode}{(e.ErrorCode == BlobErrorCode.ContainerNotFound ? "; create the container first" : string.Empty)}", e);
}
