using Durango.Api.Http;
using Durango.Engine.Executors;
using Durango.Engine.Stores;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <summary>
/// Submitting, reading and controlling workflows: the one implementation behind the HTTP API of both hosts and the
/// CLI's <c>run</c>. A workflow is a Durable orchestration whose instance id is the workflow's name; its nodes live in
/// the node store, its logs in the log store, its large outputs in the output store. Split by concern into partial files.
/// </summary>
public sealed partial class WorkflowService(
    DurableTaskClient client, INodeStore nodes, ILogStore logs, IOutputStore outputs, ITemplateStore templates, RunningLeaves leaves, TimeProvider time, ApiOptions options,
    IConfigMapStore configMaps,
    Engine.Artifacts.ArtifactCollector artifacts)
{
    private readonly WorkflowSpecs _specs = new();

    /// <summary>The template store this service resolves <c>templateRef</c>s against.</summary>
    public ITemplateStore Templates => templates;

    /// <summary>The namespace of requests that name none.</summary>
    public string DefaultNamespace => options.Namespace;
}
