using Durango.Api.Http;
using Durango.Core.Spec;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Durango.Functions;

/// <summary>The WorkflowTemplate and ClusterWorkflowTemplate routes as HTTP triggers (function keys required).</summary>
public sealed class TemplateFunctions(ApiEndpointsFactory api, ILogger<TemplateFunctions> logger)
{
    /// <summary><c>POST /api/workflow-templates</c>.</summary>
    [Function("PutWorkflowTemplate")]
    public Task<IActionResult> PutWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflow-templates")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.PutAsync(WorkflowKind.WorkflowTemplate, request, cancellation));

    /// <summary><c>GET /api/workflow-templates</c>.</summary>
    [Function("ListWorkflowTemplates")]
    public Task<IActionResult> ListWorkflowTemplatesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflow-templates")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.ListAsync(WorkflowKind.WorkflowTemplate, cancellation));

    /// <summary><c>GET /api/workflow-templates/{name}</c>.</summary>
    [Function("GetWorkflowTemplate")]
    public Task<IActionResult> GetWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflow-templates/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.GetAsync(WorkflowKind.WorkflowTemplate, name, cancellation));

    /// <summary><c>DELETE /api/workflow-templates/{name}</c>.</summary>
    [Function("DeleteWorkflowTemplate")]
    public Task<IActionResult> DeleteWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "workflow-templates/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.DeleteAsync(WorkflowKind.WorkflowTemplate, name, cancellation));

    /// <summary><c>POST /api/workflow-templates/{name}/submit</c>.</summary>
    [Function("SubmitWorkflowTemplate")]
    public Task<IActionResult> SubmitWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflow-templates/{name}/submit")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.SubmitAsync(WorkflowKind.WorkflowTemplate, name, request, cancellation));

    /// <summary><c>POST /api/cluster-workflow-templates</c>.</summary>
    [Function("PutClusterWorkflowTemplate")]
    public Task<IActionResult> PutClusterWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cluster-workflow-templates")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.PutAsync(WorkflowKind.ClusterWorkflowTemplate, request, cancellation));

    /// <summary><c>GET /api/cluster-workflow-templates</c>.</summary>
    [Function("ListClusterWorkflowTemplates")]
    public Task<IActionResult> ListClusterWorkflowTemplatesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cluster-workflow-templates")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.ListAsync(WorkflowKind.ClusterWorkflowTemplate, cancellation));

    /// <summary><c>GET /api/cluster-workflow-templates/{name}</c>.</summary>
    [Function("GetClusterWorkflowTemplate")]
    public Task<IActionResult> GetClusterWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cluster-workflow-templates/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.GetAsync(WorkflowKind.ClusterWorkflowTemplate, name, cancellation));

    /// <summary><c>DELETE /api/cluster-workflow-templates/{name}</c>.</summary>
    [Function("DeleteClusterWorkflowTemplate")]
    public Task<IActionResult> DeleteClusterWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "cluster-workflow-templates/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.DeleteAsync(WorkflowKind.ClusterWorkflowTemplate, name, cancellation));

    /// <summary><c>POST /api/cluster-workflow-templates/{name}/submit</c>.</summary>
    [Function("SubmitClusterWorkflowTemplate")]
    public Task<IActionResult> SubmitClusterWorkflowTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cluster-workflow-templates/{name}/submit")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Templates.SubmitAsync(WorkflowKind.ClusterWorkflowTemplate, name, request, cancellation));
}
