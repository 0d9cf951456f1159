using Durango.Api.Templates;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>The template routes: <c>/api/workflow-templates</c> and <c>/api/cluster-workflow-templates</c>.</summary>
public sealed class TemplateEndpoints(TemplateService templates, ApiOptions options)
{
    /// <summary>The route segment of <paramref name="kind"/>.</summary>
    public static string Segment(WorkflowKind kind) => kind == WorkflowKind.ClusterWorkflowTemplate ? "cluster-workflow-templates" : "workflow-templates";

    /// <summary><c>POST</c>: validate and install (or replace) a template.</summary>
    public async Task<ApiResult> PutAsync(WorkflowKind kind, HttpRequest request, CancellationToken cancellationToken)
    {
        var (text, error) = await RequestBody.ReadAsync(request, options, kind.ToString(), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var outcome = await templates.PutAsync(kind, text!, "request", cancellationToken).ConfigureAwait(false);
        if (outcome.Template is not { } stored)
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, "InvalidTemplate", outcome.Message!, outcome.Diagnostics.Select(DiagnosticView.From).ToList());
        }

        var result = ApiResult.Json(StatusCodes.Status201Created, TemplateView.From(stored));
        result.Headers["Location"] = $"/api/{Segment(kind)}/{Uri.EscapeDataString(stored.Name)}";
        return result;
    }

    /// <summary><c>GET</c>: every template of the kind.</summary>
    public async Task<ApiResult> ListAsync(WorkflowKind kind, CancellationToken cancellationToken) =>
        ApiResult.Json(StatusCodes.Status200OK, new { items = (await templates.ListAsync(kind, cancellationToken).ConfigureAwait(false)).Select(TemplateView.From) });

    /// <summary><c>GET /{name}</c>: the template as installed, as JSON.</summary>
    public async Task<ApiResult> GetAsync(WorkflowKind kind, string name, CancellationToken cancellationToken) =>
        await templates.GetAsync(kind, name, cancellationToken).ConfigureAwait(false) is { } stored
            ? ApiResult.Json(StatusCodes.Status200OK, YamlJson.Convert(stored.Source, 0) ?? (object)TemplateView.From(stored))
            : NotFound(kind, name);

    /// <summary><c>DELETE /{name}</c>.</summary>
    public async Task<ApiResult> DeleteAsync(WorkflowKind kind, string name, CancellationToken cancellationToken) =>
        await templates.DeleteAsync(kind, name, cancellationToken).ConfigureAwait(false)
            ? ApiResult.Json(StatusCodes.Status200OK, new ControlView(name, "deleted"))
            : NotFound(kind, name);

    /// <summary><c>POST /{name}/submit</c>: start a workflow from the template; <c>?parameter=name=value</c>.</summary>
    public async Task<ApiResult> SubmitAsync(WorkflowKind kind, string name, HttpRequest request, CancellationToken cancellationToken)
    {
        if (WorkflowEndpoints.Parameters(request) is not { } parameters)
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, "BadParameter", "each ?parameter= must look like name=value");
        }

        return await templates.SubmitAsync(kind, name, parameters, cancellationToken).ConfigureAwait(false) is { } submitted
            ? WorkflowEndpoints.Submitted(submitted)
            : NotFound(kind, name);
    }

    private static ApiResult NotFound(WorkflowKind kind, string name) =>
        ApiResult.Error(StatusCodes.Status404NotFound, "NotFound", $"{kind} '{name}' not found; list them with GET /api/{Segment(kind)}");
}
