using Durango.Api.Workflows;
using Durango.Core.Diagnostics;
using Durango.Engine.Model;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>The workflow routes of the HTTP API: one implementation for both hosts.</summary>
public sealed class WorkflowEndpoints(WorkflowService workflows, ApiOptions options)
{
    /// <summary><c>POST /api/workflows</c>: validate, then start; <c>?parameter=name=value</c>, <c>?name=</c>, <c>?generateName=</c>.</summary>
    public async Task<ApiResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (text, error) = await RequestBody.ReadAsync(request, options, "Workflow", cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (Parameters(request) is not { } parameters)
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, "BadParameter", "each ?parameter= must look like name=value");
        }

        var submitted = await workflows.SubmitAsync(
            new SubmitRequest(text!, "request", parameters, Query(request, "name"), Query(request, "generateName")), cancellationToken).ConfigureAwait(false);
        return Submitted(submitted);
    }

    /// <summary>The answer to a submission, shared with template submission.</summary>
    public static ApiResult Submitted(SubmitOutcome submitted)
    {
        switch (submitted.Status)
        {
            case SubmitStatus.Invalid:
                return ApiResult.Error(StatusCodes.Status400BadRequest, "InvalidWorkflow", submitted.Message!, submitted.Diagnostics.Select(DiagnosticView.From).ToList());
            case SubmitStatus.Conflict:
                return ApiResult.Error(StatusCodes.Status409Conflict, "AlreadyExists", submitted.Message!);
            default:
                var links = WorkflowLinks.For(submitted.Name!);
                var result = ApiResult.Json(StatusCodes.Status201Created, new SubmittedView(submitted.Name!, submitted.Uid!, links, submitted.Diagnostics.Select(DiagnosticView.From).ToList()));
                result.Headers["Location"] = links.Self;
                return result;
        }
    }

    /// <summary><c>GET /api/workflows</c>: <c>?phase=</c> (repeatable), <c>?labels=</c>, <c>?prefix=</c>, <c>?limit=</c>, <c>?continue=</c>.</summary>
    public async Task<ApiResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var phases = new List<WorkflowPhase>();
        foreach (var text in request.Query["phase"].SelectMany(p => (p ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<WorkflowPhase>(text, ignoreCase: true, out var phase))
            {
                return ApiResult.Error(StatusCodes.Status400BadRequest, "BadPhase", $"phase '{text}' is not one of {string.Join(", ", Enum.GetNames<WorkflowPhase>())}");
            }

            phases.Add(phase);
        }

        var limit = int.TryParse(Query(request, "limit"), out var l) && l is > 0 and <= 1000 ? l : 100;
        var filter = new WorkflowFilter(phases, Query(request, "labels"), Query(request, "prefix"), limit, WorkflowFilter.ParseOffset(Query(request, "continue")));
        var page = await workflows.ListAsync(filter, cancellationToken).ConfigureAwait(false);
        return ApiResult.Json(StatusCodes.Status200OK, page);
    }

    /// <summary><c>GET /api/workflows/{name}</c>: the Argo-shaped workflow.</summary>
    public async Task<ApiResult> GetAsync(string name, CancellationToken cancellationToken) =>
        await workflows.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } view
            ? ApiResult.Json(StatusCodes.Status200OK, view)
            : NotFound(name);

    /// <summary><c>GET /api/workflows/{name}/log</c>: <c>node: line</c> per line; <c>?node=</c>, <c>?follow=true</c> streams until the end.</summary>
    public async Task<ApiResult> LogsAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (await workflows.GetAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(name);
        }

        var node = Query(request, "node");
        var follow = string.Equals(Query(request, "follow"), "true", StringComparison.OrdinalIgnoreCase);
        return ApiResult.Text(async (response, token) =>
        {
            await foreach (var line in workflows.LogsAsync(name, node, follow, token).ConfigureAwait(false))
            {
                await response.WriteAsync($"{line.NodeName}: {line.Text}\n", token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);
            }
        });
    }

    /// <summary><c>POST /api/workflows/{name}/{action}</c> for stop, terminate, suspend, resume and retry.</summary>
    public async Task<ApiResult> ControlAsync(string name, string action, CancellationToken cancellationToken)
    {
        var outcome = action switch
        {
            "stop" => await workflows.StopAsync(name, cancellationToken).ConfigureAwait(false),
            "terminate" => await workflows.TerminateAsync(name, cancellationToken).ConfigureAwait(false),
            "suspend" => await workflows.SuspendAsync(name, cancellationToken).ConfigureAwait(false),
            "resume" => await workflows.ResumeAsync(name, cancellationToken).ConfigureAwait(false),
            "retry" => await workflows.RetryAsync(name, cancellationToken).ConfigureAwait(false),
            _ => (ControlOutcome?)null,
        };
        return outcome switch
        {
            null => ApiResult.Error(StatusCodes.Status404NotFound, "NotFound", $"no action '{action}'; use stop, terminate, suspend, resume, retry or resubmit"),
            ControlOutcome.NotFound => NotFound(name),
            ControlOutcome.NotRunning => ApiResult.Error(StatusCodes.Status409Conflict, "NotApplicable", action == "retry"
                ? $"workflow '{name}' has not failed, so there is nothing to retry"
                : $"workflow '{name}' has already ended"),
            _ => ApiResult.Json(StatusCodes.Status200OK, new ControlView(name, Past(action))),
        };
    }

    /// <summary><c>POST /api/workflows/{name}/resubmit</c>: a new workflow from the same spec.</summary>
    public async Task<ApiResult> ResubmitAsync(string name, CancellationToken cancellationToken) =>
        await workflows.ResubmitAsync(name, cancellationToken).ConfigureAwait(false) is { } submitted ? Submitted(submitted) : NotFound(name);

    /// <summary><c>DELETE /api/workflows/{name}</c>: terminate if running, then purge history, nodes and logs.</summary>
    public async Task<ApiResult> DeleteAsync(string name, CancellationToken cancellationToken) =>
        await workflows.DeleteAsync(name, cancellationToken).ConfigureAwait(false) == ControlOutcome.NotFound
            ? NotFound(name)
            : ApiResult.Json(StatusCodes.Status200OK, new ControlView(name, "deleted"));

    private static ApiResult NotFound(string name) =>
        ApiResult.Error(StatusCodes.Status404NotFound, "NotFound", $"workflow '{name}' not found; list workflows with GET /api/workflows");

    private static string Past(string action) => action switch
    {
        "stop" => "stopped",
        "terminate" => "terminated",
        "suspend" => "suspended",
        "resume" => "resumed",
        _ => "retried",
    };

    private static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>The <c>?parameter=name=value</c> pairs, or null when one is malformed.</summary>
    internal static List<KeyValuePair<string, string>>? Parameters(HttpRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var text in request.Query["parameter"])
        {
            var cut = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (cut <= 0)
            {
                return null;
            }

            parameters.Add(KeyValuePair.Create(text![..cut], text[(cut + 1)..]));
        }

        return parameters;
    }
}
