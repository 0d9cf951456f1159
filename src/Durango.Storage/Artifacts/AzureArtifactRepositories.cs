using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Durango.Engine.Artifacts;

namespace Durango.Storage.Artifacts;

/// <summary>
/// Argo's <c>azure</c> artifact driver: the container at an endpoint, reached with the account key from the
/// artifact's <c>accountKeySecret</c> (shared key), with the host's identity for <c>useSDKCreds</c>
/// (<c>DefaultAzureCredential</c>: managed identity in Azure, a developer login elsewhere), or anonymously.
/// </summary>
public sealed class AzureArtifactRepositories(TokenCredential? credential = null) : IAzureArtifactRepositories
{
    private readonly Lazy<TokenCredential> _credential = new(() => credential ?? new DefaultAzureCredential());

    /// <inheritdoc/>
    public IArtifactRepository Open(Uri endpoint, string container, string? accountKey, bool useSdkCredentials)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        var service = accountKey is not null
            ? new BlobServiceClient(endpoint, new StorageSharedKeyCredential(AccountName(endpoint), accountKey), options)
            : useSdkCredentials
                ? new BlobServiceClient(endpoint, _credential.Value, options)
                : new BlobServiceClient(endpoint, options);
        return new BlobArtifactRepository(service.GetBlobContainerClient(container), createContainer: false);
    }

    /// <summary>
    /// The account of <paramref name="endpoint"/>: the first label of <c>ACCOUNT.blob.core.windows.net</c>, or the
    /// first path segment of an emulator's <c>http://127.0.0.1:10000/ACCOUNT</c>.
    /// </summary>
    public static string AccountName(Uri endpoint) =>
        endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback
            ? endpoint.AbsolutePath.Trim('/').Split('/')[0]
            : endpoint.Host.Split('.')[0];
}
