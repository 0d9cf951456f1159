using Durango.Api.Templates;
using Durango.Api.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Api.Http;

/// <summary>The endpoints of the API over one Durable client.</summary>
/// <param name="Workflows">The workflow routes.</param>
/// <param name="Templates">The template routes.</param>
public sealed record ApiEndpoints(WorkflowEndpoints Workflows, TemplateEndpoints Templates);

/// <summary>
/// Builds the endpoints around a given <see cref="DurableTaskClient"/>: Azure Functions hands one to each invocation
/// (<c>[DurableClient]</c>) instead of registering it as a service, so the Functions app builds the API per call.
/// </summary>
public sealed class ApiEndpointsFactory(IServiceProvider services)
{
    /// <summary>The endpoints over <paramref name="client"/>.</summary>
    public ApiEndpoints For(DurableTaskClient client)
    {
        var workflows = ActivatorUtilities.CreateInstance<WorkflowService>(services, client);
        var templates = ActivatorUtilities.CreateInstance<TemplateService>(services, workflows);
        return new ApiEndpoints(
            ActivatorUtilities.CreateInstance<WorkflowEndpoints>(services, workflows),
            ActivatorUtilities.CreateInstance<TemplateEndpoints>(services, templates));
    }
}
