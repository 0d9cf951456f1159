using Durango.Storage;
using Microsoft.Extensions.Configuration;

namespace Durango.Functions;

/// <summary>
/// The storage account of the Functions app, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a
/// connection string, or identity-based settings (<c>AzureWebJobsStorage__blobServiceUri</c> or
/// <c>AzureWebJobsStorage__accountName</c>). Durango's blob stores live in the same account as the Durable backend.
/// </summary>
public static class FunctionsStorage
{
    /// <summary>The setting the Functions host uses for its storage.</summary>
    public const string Setting = "AzureWebJobsStorage";

    /// <summary>The app's storage account, or null when none is configured (the stores stay local then).</summary>
    public static StorageAccount? Account(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connection)
        {
            return StorageAccount.Parse(connection);
        }

        var section = configuration.GetSection(Setting);
        if (section["blobServiceUri"] is { Length: > 0 } uri)
        {
            return StorageAccount.Parse(uri);
        }

        return section["accountName"] is { Length: > 0 } account ? StorageAccount.Parse($"https://{account}.blob.core.windows.net") : null;
    }

    /// <summary>The task hub whose containers Durango uses: <c>Durango:TaskHub</c>, as <c>host.json</c>'s hubName.</summary>
    public static string TaskHub(IConfiguration configuration) => configuration["Durango:TaskHub"] ?? "durango";
}
