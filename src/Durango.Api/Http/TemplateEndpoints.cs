using Durango.Api.Templates;
using Durango.Core.Spec;

namespace Durango.Api.Http;

/// <summary>
/// argo-server's WorkflowTemplateService (<c>/api/v1/workflow-templates/{namespace}</c>) and
/// ClusterWorkflowTemplateService (<c>/api/v1/cluster-workflow-templates</c>): create, lint, get, list, update, delete.
/// </summary>
public sealed class TemplateEndpoints(TemplateService templates)
{
    /// <summary><c>POST</c>: validate and create.</summary>
    public Task<ApiResult> CreateAsync(WorkflowKind kind, ApiCall call) => PutAsync(kind, call, TemplateService.Write.Create);

    /// <summary><c>POST .../lint</c>: validate only.</summary>
    public Task<ApiResult> LintAsync(WorkflowKind kind, ApiCall call) => PutAsync(kind, call, TemplateService.Write.Lint);

    /// <summary><c>PUT .../{name}</c>: replace; a stale <c>metadata.resourceVersion</c> is a 409.</summary>
    public Task<ApiResult> UpdateAsync(WorkflowKind kind, ApiCall call) => PutAsync(kind, call, TemplateService.Write.Update);

    /// <summary><c>GET</c>: every template of the kind (in the namespace).</summary>
    public async Task<ApiResult> ListAsync(WorkflowKind kind, ApiCall call)
    {
        var list = await templates.ListAsync(kind, Namespace(kind, call), call.Aborted).ConfigureAwait(false);
        var selector = Lists.LabelSelector.Parse(call.Query("listOptions.labelSelector"));
        return WorkflowEndpoints.Project(TemplateView.List(kind, list.Where(t => selector.Matches(t.Document.Metadata.Labels))), call.Fields);
    }

    /// <summary><c>GET .../{name}</c>: the template.</summary>
    public async Task<ApiResult> GetAsync(WorkflowKind kind, ApiCall call) =>
        await templates.GetAsync(kind, Namespace(kind, call), call.Route("name"), call.Aborted).ConfigureAwait(false) is { } stored
            ? ApiResult.Ok(TemplateView.From(stored))
            : NotFound(kind, call);

    /// <summary><c>DELETE .../{name}</c>.</summary>
    public async Task<ApiResult> DeleteAsync(WorkflowKind kind, ApiCall call) =>
        await templates.DeleteAsync(kind, Namespace(kind, call), call.Route("name"), call.Aborted).ConfigureAwait(false)
            ? ApiResult.Ok(new { })
            : NotFound(kind, call);

    private async Task<ApiResult> PutAsync(WorkflowKind kind, ApiCall call, TemplateService.Write write)
    {
        var (body, error) = ObjectBody.Read(call, "template", kind.ToString());
        if (body is null)
        {
            return error!;
        }

        var version = body.Envelope?.Object("template") is { } template && template.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == System.Text.Json.JsonValueKind.Object && metadata.TryGetProperty("resourceVersion", out var v) ? v.GetString() : null;
        var expected = write == TemplateService.Write.Update ? call.Route("name") : null;
        var outcome = await templates.PutAsync(kind, Namespace(kind, call), body.Text, "request", write, version, expected, call.Aborted).ConfigureAwait(false);
        return outcome.Status switch
        {
            TemplateStatus.Invalid => ObjectBody.Invalid(outcome.Diagnostics, outcome.Message),
            TemplateStatus.Exists => ApiResult.Fail(ArgoCode.AlreadyExists, outcome.Message!),
            TemplateStatus.Missing => ApiResult.Fail(ArgoCode.NotFound, outcome.Message!),
            TemplateStatus.Stale => ApiResult.Fail(ArgoCode.Aborted, outcome.Message!),
            _ => ApiResult.Ok(TemplateView.From(outcome.Template!)),
        };
    }

    private static string? Namespace(WorkflowKind kind, ApiCall call) => kind == WorkflowKind.WorkflowTemplate ? call.Route("namespace") : null;

    private static ApiResult NotFound(WorkflowKind kind, ApiCall call) => ApiResult.Fail(ArgoCode.NotFound, kind == WorkflowKind.WorkflowTemplate
        ? $"WorkflowTemplate '{call.Route("name")}' not found in namespace '{call.Route("namespace")}'"
        : $"ClusterWorkflowTemplate '{call.Route("name")}' not found");
}
