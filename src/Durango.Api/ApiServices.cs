using Durango.Api.Health;
using Durango.Api.Http;
using Microsoft.AspNetCore.Builder;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Durango.Api;

/// <summary>
/// Registers the application layer. The embedded host registers the <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>
/// as a service; the Functions app, which gets one per invocation, uses <see cref="ApiEndpointsFactory"/> instead.
/// </summary>
public static class ApiServices
{
    /// <summary>Adds the workflow and template services and the API's endpoints, with <see cref="ApiOptions"/> from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddDurangoApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions());
        services.TryAddSingleton<ApiEndpointsFactory>();
        services.TryAddSingleton<StorageBreaker>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowService>();
        services.TryAddSingleton<TemplateService>();
        services.AddHealthChecks();
        services.TryAddSingleton<Cron.CronService>();
        services.TryAddSingleton<Engine.Cron.ICronLauncher, Cron.CronLauncher>();
        services.TryAddTransient<Engine.Cron.CronTickActivity>();
        services.TryAddSingleton<Engine.Locks.ILockBackend, Durango.Api.Locks.LockBackend>();
        services.TryAddTransient<Engine.Locks.LockOpenActivity>();
        services.TryAddTransient<Engine.Locks.LockEndedActivity>();
        services.TryAddSingleton(s => new ApiEndpoints(
            ActivatorUtilities.CreateInstance<WorkflowEndpoints>(s),
            ActivatorUtilities.CreateInstance<WorkflowActionEndpoints>(s),
            ActivatorUtilities.CreateInstance<WorkflowStreamEndpoints>(s),
            ActivatorUtilities.CreateInstance<TemplateEndpoints>(s),
            ActivatorUtilities.CreateInstance<InfoEndpoints>(s),
            ActivatorUtilities.CreateInstance<CronEndpoints>(s),
            ActivatorUtilities.CreateInstance<ArtifactEndpoints>(s)));
        return services;
    }

    /// <summary>Serves the API under <c>/api</c> through <see cref="ApiRouter"/>, over the registered client, and <c>/healthz</c> (<c>durango serve</c>).</summary>
    public static void MapDurangoApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var options = app.ServiceProvider.GetRequiredService<ApiOptions>();
        var breaker = app.ServiceProvider.GetRequiredService<StorageBreaker>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Durango.Api");
        app.Map(ApiRouter.Prefix + "/{**path}", context => ApiRouter.HandleAsync(context, services.GetRequiredService<ApiEndpoints>, options, breaker, logger));
        app.Map(ApiRouter.Prefix, context => ApiRouter.HandleAsync(context, services.GetRequiredService<ApiEndpoints>, options, breaker, logger));
        foreach (var prefix in ApiRoutes.ArtifactPaths)
        {
            app.MapGet(prefix + "/{**path}", context => ApiRouter.HandleAsync(context, services.GetRequiredService<ApiEndpoints>, options, breaker, logger));
        }

        app.MapGet(HealthEndpoint.Path, context => HealthEndpoint.WriteAsync(context, services.GetRequiredService<HealthCheckService>()));
    }
}
