using Durango.Api.Http;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durango.Api;

/// <summary>
/// Registers the application layer. The embedded host registers the <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>
/// as a service; the Functions app, which gets one per invocation, uses <see cref="ApiEndpointsFactory"/> instead.
/// </summary>
public static class ApiServices
{
    /// <summary>Adds the workflow and template services and the HTTP endpoints, with <see cref="ApiOptions"/> from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddDurangoApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions());
        services.TryAddSingleton<WorkflowEndpoints>();
        services.TryAddSingleton<ApiEndpointsFactory>();
        services.TryAddSingleton<TemplateEndpoints>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowService>();
        services.TryAddSingleton<TemplateService>();
        return services;
    }
}
