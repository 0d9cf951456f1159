using DurableTask.AzureStorage;
using Durango.Embedded;
using Durango.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Hosting;

/// <summary>
/// The embedded host on Azure Storage: the durable backend and Durango's stores in one account. Composed here, in the
/// host, so that <c>Durango.Embedded</c> needs no reference to <c>Durango.Storage</c>.
/// </summary>
public static class EmbeddedStorage
{
    /// <summary>
    /// With <see cref="EmbeddedBackendOptions.Storage"/> set, moves the engine's stores to Blob Storage in that account
    /// and gives the embedded backend the same account; otherwise does nothing (in memory).
    /// </summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, EmbeddedBackendOptions backend)
    {
        services.AddDurangoAzureArtifacts();
        if (backend.Storage is { } setting)
        {
            var account = StorageAccount.Parse(setting);
            services.AddDurangoBlobStores(account, backend.TaskHub);
            services.AddSingleton(For(account));
        }

        return services;
    }

    /// <summary><paramref name="account"/> as the Durable Task provider reaches it.</summary>
    public static DurableStorageAccount For(StorageAccount account) => new(
        account.ConnectionString is { } connection
            ? new StorageAccountClientProvider(connection)
            : new StorageAccountClientProvider(account.BlobUri!, account.QueueUri!, account.TableUri!, account.Credential),
        async cancel => await account.CreateBlobServiceClient().GetPropertiesAsync(cancel).ConfigureAwait(false),
        account.ToString());
}
