using Azure.Core;
using Azure.Identity;
using Durango.Cloud.ContainerInstances;
using Durango.Cloud.SendGrid;
using Durango.Engine;
using Durango.Engine.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durango.Cloud;

/// <summary>Registers the cloud executors: the <c>aci</c> container runtime when configured, and the <c>email</c> plugin.</summary>
public static class CloudServices
{
    /// <summary>
    /// Adds the <c>email</c> plugin, and with <c>Durango:ContainerRuntime = aci</c> the ACI runtime in place of the
    /// engine's default (before or after <c>AddDurangoEngine</c>). ARM calls use a registered <see cref="TokenCredential"/>,
    /// else the managed identity <c>Durango:Aci:ManagedIdentityClientId</c>, else <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public static IServiceCollection AddDurangoCloud(this IServiceCollection services, IConfiguration configuration)
    {
        var sendGrid = configuration.GetSection(SendGridOptions.Section).Get<SendGridOptions>() ?? new SendGridOptions();
        services.AddHttpClient(EmailPlugin.ClientName);
        services.AddSingleton<IPluginExecutor>(sp => new EmailPlugin(sendGrid, sp.GetRequiredService<IHttpClientFactory>()));

        var runtime = configuration.GetSection(DurangoOptions.Section)[nameof(DurangoOptions.ContainerRuntime)];
        if (runtime == "aci")
        {
            var aci = configuration.GetSection(AciOptions.Section).Get<AciOptions>() ?? new AciOptions();
            aci.WorkDirectory ??= configuration.GetSection(DurangoOptions.Section)[nameof(DurangoOptions.WorkDirectory)];
            services.TryAddSingleton<TokenCredential>(_ => aci.ManagedIdentityClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential());
            services.RemoveAll<IContainerRuntime>();
            services.AddSingleton<IContainerRuntime>(sp => new AciContainerRuntime(aci, sp.GetRequiredService<TokenCredential>()));
        }

        return services;
    }
}
