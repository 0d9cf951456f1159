using System.Text.Json;
using Durango.Api.Lists;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Core.Spec;

namespace Durango.Api.Http;

/// <summary>argo-server's WorkflowService, the non-streaming part: create, lint, submit, get, list, delete.</summary>
public sealed class WorkflowEndpoints(WorkflowService workflows, TemplateService templates, Cron.CronService crons)
{
    /// <summary>
    /// <c>POST /api/v1/workflows/{namespace}</c>: validate and start; answers the created Workflow. A YAML body may
    /// carry argo's SubmitOpts as query values (<see cref="SubmitOptions.FromQuery"/>).
    /// </summary>
    public async Task<ApiResult> CreateAsync(ApiCall call)
    {
        var (body, error) = ObjectBody.Read(call, "workflow", "Workflow");
        if (body is null)
        {
            return error!;
        }

        var opts = SubmitOptions.FromQuery(call.Queries);
        var request = new SubmitRequest(body.Text, "request", opts.Parameters, opts.Name, opts.GenerateName)
        {
            Namespace = call.Route("namespace"),
            DryRun = body.DryRun,
            Entrypoint = opts.Entrypoint,
            Labels = opts.Labels,
            Annotations = opts.Annotations,
        };
        var outcome = await workflows.SubmitAsync(request, call.Aborted).ConfigureAwait(false);
        return request.DryRun && !body.ServerDryRun && outcome.Status == SubmitStatus.Accepted ? DryRun(outcome.Workflow!) : Answer(outcome);
    }

    /// <summary>
    /// A Kubernetes-style dry run's answer (<c>createOptions.dryRun</c>): the Workflow as it would be created, without
    /// the <c>metadata.uid</c> only a created object has (upstream's TestCreateWorkflowDryRun). argo's
    /// <c>serverDryRun</c> keeps it (TestSubmitServerDryRun: "server-dry-run should get a UID").
    /// </summary>
    private static ApiResult DryRun(WorkflowView workflow)
    {
        var json = JsonSerializer.SerializeToNode(workflow, WorkflowJson.Options)!;
        json["metadata"]!.AsObject().Remove("uid");
        return ApiResult.Ok(json);
    }

    /// <summary><c>POST /api/v1/workflows/{namespace}/lint</c>: validate only; answers the Workflow or the diagnostics.</summary>
    public async Task<ApiResult> LintAsync(ApiCall call)
    {
        var (body, error) = ObjectBody.Read(call, "workflow", "Workflow");
        if (body is null)
        {
            return error!;
        }

        var outcome = await workflows.SubmitAsync(
            new SubmitRequest(body.Text, "request", []) { Namespace = call.Route("namespace"), DryRun = true }, call.Aborted).ConfigureAwait(false);
        return Answer(outcome);
    }

    /// <summary><c>POST /api/v1/workflows/{namespace}/submit</c>: start a workflow from a WorkflowTemplate or ClusterWorkflowTemplate with SubmitOpts.</summary>
    public async Task<ApiResult> SubmitFromAsync(ApiCall call)
    {
        var (envelope, error) = ActionBody.Read(call);
        if (envelope is null)
        {
            return error!;
        }

        var resourceKind = envelope.String("resourceKind");
        var name = envelope.String("resourceName") ?? throw new FormatException("resourceName is missing: the name of the template to submit");
        if (resourceKind is "CronWorkflow" or "cronworkflow")
        {
            return await crons.SubmitAsync(call.Route("namespace"), name, call.Aborted).ConfigureAwait(false) is { } started
                ? Answer(started)
                : ApiResult.Fail(ArgoCode.NotFound, $"CronWorkflow '{name}' not found in namespace '{call.Route("namespace")}'");
        }

        WorkflowKind? kind = resourceKind switch
        {
            "WorkflowTemplate" or "workflowtemplate" => WorkflowKind.WorkflowTemplate,
            "ClusterWorkflowTemplate" or "clusterworkflowtemplate" => WorkflowKind.ClusterWorkflowTemplate,
            _ => throw new FormatException($"resourceKind '{resourceKind}' is not one of WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow"),
        };

        var opts = SubmitOptions.Read(envelope.Object("submitOptions"));
        var outcome = await templates.SubmitAsync(kind.Value, call.Route("namespace"), name, opts, call.Aborted).ConfigureAwait(false);
        return outcome is null
            ? ApiResult.Fail(ArgoCode.NotFound, $"{kind} '{name}' not found in {(kind == WorkflowKind.ClusterWorkflowTemplate ? "the cluster" : $"namespace '{call.Route("namespace")}'")}")
            : Answer(outcome);
    }

    /// <summary><c>GET /api/v1/workflows/{namespace}/{name}</c>: the Workflow, projected by <c>fields</c>.</summary>
    public async Task<ApiResult> GetAsync(ApiCall call) =>
        await workflows.GetAsync(call.Route("namespace"), call.Route("name"), call.Aborted).ConfigureAwait(false) is { } view
            ? Project(view, call.Fields)
            : NotFound(call);

    /// <summary><c>GET /api/v1/workflows/{namespace}</c> (and <c>/api/v1/workflows/</c> for every namespace): a WorkflowList page.</summary>
    public async Task<ApiResult> ListAsync(ApiCall call)
    {
        var filter = Filter(call, call.Route("namespace"));
        var limit = (int)Math.Min(call.Number("listOptions.limit") ?? 0, 10_000);
        var page = await workflows.ListAsync(filter with { Limit = limit, Offset = WorkflowFilter.ParseOffset(call.Query("listOptions.continue")) }, call.Aborted).ConfigureAwait(false);
        return Project(page, call.Fields);
    }

    /// <summary><c>DELETE /api/v1/workflows/{namespace}/{name}</c>: terminate if running, then remove it and all it left.</summary>
    public async Task<ApiResult> DeleteAsync(ApiCall call)
    {
        if (await workflows.GetAsync(call.Route("namespace"), call.Route("name"), call.Aborted).ConfigureAwait(false) is null)
        {
            return NotFound(call);
        }

        await workflows.DeleteAsync(call.Route("name"), call.Aborted).ConfigureAwait(false);
        return ApiResult.Ok(new { });
    }

    /// <summary>The filter of a list or watch request: namespace, label and field selectors.</summary>
    internal static WorkflowFilter Filter(ApiCall call, string @namespace) => new(
        string.IsNullOrEmpty(@namespace) ? null : @namespace,
        LabelSelector.Parse(call.Query("listOptions.labelSelector")),
        FieldSelector.Parse(call.Query("listOptions.fieldSelector")).WithNameFilter(call.Query("nameFilter")));

    /// <summary>The answer to a submission: the Workflow, or why it did not start.</summary>
    internal static ApiResult Answer(SubmitOutcome outcome) => outcome.Status switch
    {
        SubmitStatus.Invalid => ObjectBody.Invalid(outcome.Diagnostics, outcome.Message),
        SubmitStatus.Conflict => ApiResult.Fail(ArgoCode.AlreadyExists, outcome.Message!),
        _ => ApiResult.Ok(outcome.Workflow!),
    };

    /// <summary>The 404 of a workflow.</summary>
    internal static ApiResult NotFound(ApiCall call) => ApiResult.Fail(ArgoCode.NotFound,
        $"workflow '{call.Route("name")}' not found in namespace '{call.Route("namespace")}'; list them with GET /api/v1/workflows/{call.Route("namespace")}");

    /// <summary><paramref name="value"/> as JSON, projected by <paramref name="fields"/> when given.</summary>
    internal static ApiResult Project(object value, FieldProjection? fields) =>
        fields is null ? ApiResult.Ok(value) : ApiResult.Ok(fields.Apply(JsonSerializer.SerializeToNode(value, value.GetType(), WorkflowJson.Options)!));
}
