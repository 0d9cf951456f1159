using Durango.Engine.Artifacts;
using Durango.Engine.Stores;
using Durango.Storage.Artifacts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durango.Storage;

/// <summary>Registers the Blob Storage stores.</summary>
public static class StorageServices
{
    /// <summary>
    /// Uses Blob Storage in <paramref name="account"/> for node trees, logs, large outputs and templates, in place
    /// of the local stores <c>AddDurangoEngine</c> registers (before or after it).
    /// </summary>
    public static IServiceCollection AddDurangoBlobStores(this IServiceCollection services, StorageAccount account, string taskHub)
    {
        var names = BlobContainers.For(taskHub);
        var blobs = account.CreateBlobServiceClient();
        StorageContainer Container(string name) => new(blobs.GetBlobContainerClient(name));
        services.AddSingleton(account);
        services.AddSingleton(names);
        services.RemoveAll<INodeStore>().AddSingleton<INodeStore>(new BlobNodeStore(Container(names.Nodes)));
        services.RemoveAll<ILogStore>().AddSingleton<ILogStore>(new BlobLogStore(Container(names.Logs)));
        services.RemoveAll<IOutputStore>().AddSingleton<IOutputStore>(new BlobOutputStore(Container(names.Outputs)));
        services.RemoveAll<IMemoStore>().AddSingleton<IMemoStore>(new BlobMemoStore(Container(names.Memo)));
        services.RemoveAll<ITemplateStore>().AddSingleton<ITemplateStore>(new BlobTemplateStore(Container(names.Templates)));
        services.RemoveAll<DefaultArtifactRepository>().AddSingleton(
            new DefaultArtifactRepository(new BlobArtifactRepository(blobs.GetBlobContainerClient(names.Artifacts), createContainer: true)));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Registers Argo's <c>azure</c> artifact driver (artifacts in any Blob container they name); both hosts, always.</summary>
    public static IServiceCollection AddDurangoAzureArtifacts(this IServiceCollection services)
    {
        services.RemoveAll<IAzureArtifactRepositories>().AddSingleton<IAzureArtifactRepositories>(new AzureArtifactRepositories());
        return services;
    }
}
