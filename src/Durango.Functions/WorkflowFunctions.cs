using Durango.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Durango.Functions;

/// <summary>The workflow routes as HTTP triggers (function keys required); the same endpoints as <c>durango serve</c>.</summary>
public sealed class WorkflowFunctions(ApiEndpointsFactory api, ILogger<WorkflowFunctions> logger)
{
    /// <summary><c>POST /api/workflows</c>, answering also with Durable's management URLs.</summary>
    [Function("SubmitWorkflow")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, async cancellation =>
        {
            var result = await api.For(client).Workflows.SubmitAsync(request, cancellation).ConfigureAwait(false);
            return result.Body is SubmittedView submitted ? ManagementLinks.Add(result, submitted, client) : result;
        });

    /// <summary><c>GET /api/workflows</c>.</summary>
    [Function("ListWorkflows")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.ListAsync(request, cancellation));

    /// <summary><c>GET /api/workflows/{name}</c>.</summary>
    [Function("GetWorkflow")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.GetAsync(name, cancellation));

    /// <summary><c>DELETE /api/workflows/{name}</c>.</summary>
    [Function("DeleteWorkflow")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "workflows/{name}")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.DeleteAsync(name, cancellation));

    /// <summary><c>GET /api/workflows/{name}/log</c>.</summary>
    [Function("GetWorkflowLog")]
    public Task<IActionResult> LogAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows/{name}/log")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.LogsAsync(request, name, cancellation));

    /// <summary><c>POST /api/workflows/{name}/resubmit</c>.</summary>
    [Function("ResubmitWorkflow")]
    public Task<IActionResult> ResubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows/{name}/resubmit")] HttpRequest request, string name, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.ResubmitAsync(name, cancellation));

    /// <summary><c>POST /api/workflows/{name}/{action}</c>: stop, terminate, suspend, resume, retry.</summary>
    [Function("ControlWorkflow")]
    public Task<IActionResult> ControlAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows/{name}/{action}")] HttpRequest request, string name, string action, [DurableClient] DurableTaskClient client) =>
        FunctionRunner.RunAsync(request, logger, cancellation => api.For(client).Workflows.ControlAsync(name, action, cancellation));
}
