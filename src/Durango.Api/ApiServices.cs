using Durango.Api.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durango.Api;

/// <summary>Registers the application layer; the host supplies the <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>.</summary>
public static class ApiServices
{
    /// <summary>Adds the <see cref="WorkflowService"/>.</summary>
    public static IServiceCollection AddDurangoApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowService>();
        return services;
    }
}
