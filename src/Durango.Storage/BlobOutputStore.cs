using Azure;
using Azure.Storage.Blobs.Models;
using Durango.Engine.Stores;

namespace Durango.Storage;

/// <summary>Large output values in Blob Storage, one block blob each: <c>{workflow}/{nodeId}/{name}</c>.</summary>
public sealed class BlobOutputStore(StorageContainer container) : IOutputStore
{
    /// <inheritdoc/>
    public Task PutAsync(string workflow, string key, string value, CancellationToken cancellationToken = default) =>
        container.RunAsync(client => client.GetBlobClient(BlobNames.Output(workflow, key)).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public async Task<string?> GetAsync(string workflow, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await container.RunAsync(client => client.GetBlobClient(BlobNames.Output(workflow, key)).DownloadContentAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) =>
        container.DeletePrefixAsync(BlobNames.WorkflowPrefix(workflow), cancellationToken);
}
