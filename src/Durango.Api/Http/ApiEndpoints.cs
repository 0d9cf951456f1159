using Durango.Api.Templates;
using Durango.Api.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Api.Http;

/// <summary>The endpoints of the API over one Durable client.</summary>
/// <param name="Workflows">Create, lint, submit, get, list, delete.</param>
/// <param name="Actions">Stop, terminate, suspend, resume, retry, resubmit, set.</param>
/// <param name="Streams">Watch and logs.</param>
/// <param name="Templates">WorkflowTemplates and ClusterWorkflowTemplates.</param>
/// <param name="Info">Info, version, user info.</param>
/// <param name="Crons">CronWorkflows.</param>
/// <param name="Artifacts">Artifact downloads.</param>
public sealed record ApiEndpoints(
    WorkflowEndpoints Workflows, WorkflowActionEndpoints Actions, WorkflowStreamEndpoints Streams, TemplateEndpoints Templates, InfoEndpoints Info, CronEndpoints Crons,
    ArtifactEndpoints Artifacts);

/// <summary>
/// Builds the endpoints around a given <see cref="DurableTaskClient"/>: Azure Functions hands one to each invocation
/// (<c>[DurableClient]</c>) instead of registering it as a service, so the Functions app builds the API per call;
/// <c>durango serve</c> builds it once over its registered client.
/// </summary>
public sealed class ApiEndpointsFactory(IServiceProvider services)
{
    /// <summary>The endpoints over <paramref name="client"/>.</summary>
    public ApiEndpoints For(DurableTaskClient client)
    {
        var workflows = ActivatorUtilities.CreateInstance<WorkflowService>(services, client);
        var templates = ActivatorUtilities.CreateInstance<TemplateService>(services, workflows);
        var crons = Crons(client);
        return new ApiEndpoints(
            ActivatorUtilities.CreateInstance<WorkflowEndpoints>(services, workflows, templates, crons),
            ActivatorUtilities.CreateInstance<WorkflowActionEndpoints>(services, workflows),
            ActivatorUtilities.CreateInstance<WorkflowStreamEndpoints>(services, workflows),
            ActivatorUtilities.CreateInstance<TemplateEndpoints>(services, templates),
            ActivatorUtilities.CreateInstance<InfoEndpoints>(services),
            ActivatorUtilities.CreateInstance<CronEndpoints>(services, crons),
            ActivatorUtilities.CreateInstance<ArtifactEndpoints>(services, workflows));
    }

    /// <summary>The CronWorkflow service over <paramref name="client"/> (the Functions app's tick function uses it too).</summary>
    public Cron.CronService Crons(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<Cron.CronService>(services, ActivatorUtilities.CreateInstance<WorkflowService>(services, client), client);
}
