using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Durango.Engine.Stores;

namespace Durango.Storage;

/// <summary>
/// Memoization caches in Blob Storage, one JSON blob per entry (<c>{namespace}/{cache}/{key}.json</c> in
/// <c>{hub}-memo</c>), so that a cache outlives the host and is shared by every host of the task hub. The last
/// writer wins, as with upstream's ConfigMap.
/// </summary>
public sealed class BlobMemoStore(StorageContainer container) : IMemoStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc/>
    public async Task<MemoEntry?> LoadAsync(string @namespace, string cache, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await container.RunAsync(client => client.GetBlobClient(BlobNames.Memo(@namespace, cache, key)).DownloadContentAsync(cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<MemoEntry>(Json);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
        catch (JsonException)
        {
            // An entry that is not ours (written by hand, cut short): a miss, and the node's run replaces it.
            return null;
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(string @namespace, string cache, string key, MemoEntry entry, CancellationToken cancellationToken = default) =>
        container.RunAsync(
            client => client.GetBlobClient(BlobNames.Memo(@namespace, cache, key)).UploadAsync(BinaryData.FromObjectAsJson(entry, Json), overwrite: true, cancellationToken),
            cancellationToken);
}
