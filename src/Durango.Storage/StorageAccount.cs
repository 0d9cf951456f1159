using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Durango.Storage;

/// <summary>
/// The storage account Durango keeps everything in, as one setting: a connection string
/// (<c>UseDevelopmentStorage=true</c> for Azurite on its default ports), or an account's blob URI
/// (<c>https://NAME.blob.core.windows.net</c>) reached with a managed identity or developer credential.
/// </summary>
public sealed class StorageAccount
{
    private readonly Lazy<TokenCredential> _credential;

    private StorageAccount(string? connectionString, Uri? blobUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobUri = blobUri;
        _credential = new Lazy<TokenCredential>(() => credential ?? new DefaultAzureCredential());
    }

    /// <summary>The connection string, when the account is given by one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The account's blob endpoint, when the account is given by URI.</summary>
    public Uri? BlobUri { get; }

    /// <summary>The account's queue endpoint, for an account given by URI.</summary>
    public Uri? QueueUri => Sibling("queue");

    /// <summary>The account's table endpoint, for an account given by URI.</summary>
    public Uri? TableUri => Sibling("table");

    /// <summary>
    /// The credential for an account given by URI: the one given to <see cref="Parse"/>, else the default chain
    /// (managed identity in Azure, the developer's login elsewhere).
    /// </summary>
    public TokenCredential Credential => _credential.Value;

    /// <summary>Reads the setting; a clear error when it is neither a connection string nor an https URI.</summary>
    public static StorageAccount Parse(string setting, TokenCredential? credential = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        var text = setting.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback))
        {
            return new StorageAccount(null, new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), credential);
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException("the storage setting is neither a connection string (AccountName=...;AccountKey=... or UseDevelopmentStorage=true) nor an https://NAME.blob.core.windows.net URI");
        }

        try
        {
            _ = new BlobServiceClient(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            // The SDK's message names no key; it says which part is wrong.
            throw new FormatException($"the storage connection string is not valid: {e.Message}", e);
        }

        return new StorageAccount(text, null, null);
    }

    /// <summary>A client of the account's blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = new BlobClientOptions();
        // Fail fast and let the callers' own retries (Durable's, the stores') pace recovery, e.g. while Azurite restarts.
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return CreateBlobServiceClient(options);
    }

    /// <summary>A client of the account's blob service with <paramref name="options"/> (the health probe's: no retries).</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options) =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobUri, Credential, options);

    /// <summary>What logs and errors may show: the endpoint, never a key.</summary>
    public override string ToString() => BlobUri?.ToString() ?? CreateBlobServiceClient().Uri.ToString();

    private Uri? Sibling(string service) => BlobUri is null
        ? null
        : new UriBuilder(BlobUri) { Host = BlobUri.Host.Replace(".blob.", $".{service}.", StringComparison.OrdinalIgnoreCase) }.Uri;
}
