using System.Formats.Tar;
using System.IO.Compression;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// The blobs a container group's artifacts pass through: one gzipped tar of the step's inputs
/// (<c>{pod}/inputs.tgz</c>), which the host uploads and the group's init container downloads, and one of its outputs
/// (<c>{pod}/outputs.tgz</c>), which the group's sidecar uploads and the host downloads. The group gets each as a SAS URL
/// for that one blob (read for inputs, create and write for outputs) that expires after
/// <see cref="AciOptions.ArtifactSasLifetime"/>: a service SAS with an account key, a user-delegation SAS with an
/// identity. Named from the pod, so a run of the same node again finds what an earlier run uploaded.
/// </summary>
internal sealed class ArtifactStagingBlobs
{
    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _container;
    private readonly TimeSpan _lifetime;
    private bool _created;

    public ArtifactStagingBlobs(AciOptions options, TokenCredential credential)
    {
        var setting = options.ArtifactStaging!.Trim();
        _service = Uri.TryCreate(setting, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback)
            ? new BlobServiceClient(uri, credential)
            : new BlobServiceClient(setting);
        _container = _service.GetBlobContainerClient(options.ArtifactStagingContainer);
        _lifetime = options.ArtifactSasLifetime;
    }

    /// <summary>The blob of <paramref name="pod"/>'s inputs or outputs.</summary>
    public BlobClient Blob(string pod, string which) => _container.GetBlobClient($"{pod}/{which}.tgz");

    /// <summary>
    /// Uploads the folder <paramref name="root"/> as <paramref name="blob"/> unless an earlier run of the node did
    /// (true then): the inputs of one node are the same each time it runs.
    /// </summary>
    public async Task<bool> UploadOnceAsync(BlobClient blob, string root, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        if ((await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return true;
        }

        // Written to a file first: the upload then knows its length and can be retried block by block.
        var bundle = root.TrimEnd('/') + ".tgz";
        try
        {
            var file = File.Create(bundle);
            await using (file.ConfigureAwait(false))
            {
                var gzip = new GZipStream(file, CompressionLevel.Fastest);
                await using (gzip.ConfigureAwait(false))
                {
                    await TarFile.CreateFromDirectoryAsync(root, gzip, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
                }
            }

            await blob.UploadAsync(bundle, cancellationToken).ConfigureAwait(false);
            return false;
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    /// <summary>Unpacks <paramref name="blob"/> into <paramref name="root"/>; false when it is not there.</summary>
    public static async Task<bool> DownloadAsync(BlobClient blob, string root, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            using var response = download.Value;
            var gzip = new GZipStream(response.Content, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                await TarFile.ExtractToDirectoryAsync(gzip, root, overwriteFiles: true, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>A URL that lets its holder do <paramref name="permissions"/> on <paramref name="blob"/> alone, for a while.</summary>
    public async Task<Uri> SasAsync(BlobClient blob, BlobSasPermissions permissions, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var sas = new BlobSasBuilder(permissions, DateTimeOffset.UtcNow.Add(_lifetime))
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-5),
            Protocol = blob.Uri.IsLoopback ? SasProtocol.HttpsAndHttp : SasProtocol.Https,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await _service.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, cancellationToken).ConfigureAwait(false);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, _service.AccountName) }.ToUri();
    }

    /// <summary>Deletes the node's blobs once its group is gone.</summary>
    public async Task DeleteAsync(string pod, CancellationToken cancellationToken)
    {
        foreach (var which in new[] { "inputs", "outputs" })
        {
            await Blob(pod, which).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }
}
