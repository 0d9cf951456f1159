using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Durango.Storage;

/// <summary>
/// One blob container of Durango's, created on first use. A container can vanish under a running host (Azurite
/// restarted on an empty folder, an operator's cleanup): <see cref="RunAsync{T}"/> creates it again and retries once.
/// </summary>
public sealed class StorageContainer
{
    private Task? _creation;

    /// <summary>Wraps <paramref name="client"/>.</summary>
    public StorageContainer(BlobContainerClient client) => Client = client;

    /// <summary>The container's client.</summary>
    public BlobContainerClient Client { get; }

    /// <summary>Creates the container if it does not exist yet (once per process, again after a failure).</summary>
    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var creation = _creation;
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            // Shared by every caller, so it does not take any one caller's cancellation; racing creators are harmless.
            creation = Client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            _creation = creation;
        }

        return creation.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> in the container, creating the container when it is missing.</summary>
    public async Task<T> RunAsync<T>(Func<BlobContainerClient, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(Client).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            _creation = null;
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
            return await operation(Client).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every blob whose name starts with <paramref name="prefix"/>.</summary>
    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in Client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            await Client.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
