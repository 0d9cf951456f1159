using Azure.Identity;
using Durango.Engine;
using Durango.Storage;
using Microsoft.Extensions.Configuration;

namespace Durango.Functions;

/// <summary>
/// The storage account of the Functions app, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a
/// connection string, or identity-based settings (<c>AzureWebJobsStorage__blobServiceUri</c> or
/// <c>AzureWebJobsStorage__accountName</c>, with <c>AzureWebJobsStorage__clientId</c> for a user-assigned identity). Durango's blob stores live in the same account as the Durable backend.
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

        // Identity-based, as the Functions host reads it: a user-assigned identity when clientId is set.
        var section = configuration.GetSection(Setting);
        var credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : null;
        if (section["blobServiceUri"] is { Length: > 0 } uri)
        {
            return StorageAccount.Parse(uri, credential);
        }

        return section["accountName"] is { Length: > 0 } account ? StorageAccount.Parse($"https://{account}.blob.core.windows.net", credential) : null;
    }

    /// <summary>The task hub whose containers Durango uses: <c>Durango:TaskHub</c>, as <c>host.json</c>'s hubName.</summary>
    public static string TaskHub(IConfiguration configuration) => configuration["Durango:TaskHub"] ?? DurangoOptions.DefaultTaskHub;
}
