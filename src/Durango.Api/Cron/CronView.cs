using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Engine.Cron;
using Durango.Engine.Model;
using Durango.Engine.Stores;

namespace Durango.Api.Cron;

/// <summary>A CronWorkflow as argo-server answers it: the object as written, Kubernetes metadata, and its <c>status</c>.</summary>
public static class CronView
{
    /// <summary>The label of a CronWorkflow that has stopped for good, as Argo's.</summary>
    public const string CompletedLabel = "cronworkflows.argoproj.io/completed";

    /// <summary>The JSON of <paramref name="cron"/>, with the status from its orchestration's summary and the workflows it started.</summary>
    public static JsonObject From(StoredTemplate cron, CronStatusSummary? summary, IReadOnlyList<WorkflowView> children)
    {
        var json = TemplateView.From(cron);
        var active = new JsonArray(children.Where(c => !c.Status.Phase.IsFinished()).Select(c => (JsonNode)new JsonObject
        {
            ["kind"] = "Workflow",
            ["namespace"] = c.Metadata.Namespace,
            ["name"] = c.Metadata.Name,
            ["uid"] = c.Metadata.Uid,
            ["apiVersion"] = "argoproj.io/v1alpha1",
        }).ToArray());
        var finished = children.Where(c => c.Status.Phase.IsFinished()).ToList();
        var status = new JsonObject
        {
            ["active"] = active.Count == 0 ? null : active,
            ["phase"] = summary?.Stopped == true ? "Stopped" : "Active",
            ["succeeded"] = finished.Count(c => c.Status.Phase == WorkflowPhase.Succeeded),
            ["failed"] = finished.Count(c => c.Status.Phase != WorkflowPhase.Succeeded),
        };
        if (summary?.LastScheduledTime is { } last)
        {
            status["lastScheduledTime"] = Time(last);
        }

        if (summary?.NextScheduledTime is { } next)
        {
            // Not in Argo's status; the web view and `durango cron list` show it.
            status["durangoNextScheduledTime"] = Time(next);
        }

        if (summary?.LastError is { } error)
        {
            status["conditions"] = new JsonArray(new JsonObject { ["type"] = "SubmissionError", ["status"] = "True", ["message"] = error });
        }

        json["status"] = status;
        if (summary?.Stopped == true && json["metadata"] is JsonObject metadata)
        {
            // Upstream's operator labels a CronWorkflow whose stopStrategy held (common.LabelKeyCronWorkflowCompleted).
            var labels = metadata["labels"] as JsonObject ?? new JsonObject();
            labels[CompletedLabel] = "true";
            metadata["labels"] = labels;
        }

        return json;
    }

    /// <summary>argo-server's CronWorkflowList.</summary>
    public static JsonObject List(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray(items.Select(i => (JsonNode)i).ToArray());
        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "CronWorkflowList",
            ["metadata"] = new JsonObject(),
            ["items"] = array.Count == 0 ? null : array,
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
