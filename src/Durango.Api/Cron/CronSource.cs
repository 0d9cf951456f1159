using System.Text.Json.Nodes;
using Durango.Core.Loading;

namespace Durango.Api.Cron;

/// <summary>A CronWorkflow's stored text (JSON) and the Workflow text each tick submits from it.</summary>
internal static class CronSource
{
    /// <summary>The document as JSON with its namespace written in, so it survives a round trip through the store.</summary>
    public static string Stored(string text, int index, string @namespace)
    {
        var json = YamlJson.Convert(text, index)!.AsObject();
        var metadata = json["metadata"] as JsonObject ?? [];
        json["metadata"] = metadata;
        metadata["namespace"] = @namespace;
        return json.ToJsonString();
    }

    /// <summary>
    /// <paramref name="stored"/> with <c>spec.suspend: true</c>, or without <c>spec.suspend</c> (resumed): argo-server
    /// answers a resumed CronWorkflow with no <c>suspend</c> key (Go's <c>omitempty</c>; TestCronWorkflowService).
    /// </summary>
    public static string WithSuspend(string stored, bool suspend)
    {
        var json = YamlJson.Convert(stored, 0)!.AsObject();
        if (json["spec"] is JsonObject spec)
        {
            if (suspend)
            {
                spec["suspend"] = true;
            }
            else
            {
                spec.Remove("suspend");
            }
        }

        return json.ToJsonString();
    }

    /// <summary>A Workflow (JSON) with the CronWorkflow's <c>workflowSpec</c>, named <paramref name="name"/> or generated from <paramref name="generateName"/>.</summary>
    public static string Workflow(string stored, string? name, string? generateName)
    {
        var json = YamlJson.Convert(stored, 0)!.AsObject();
        var metadata = new JsonObject();
        if (name is not null)
        {
            metadata["name"] = name;
        }
        else
        {
            metadata["generateName"] = generateName;
        }

        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Workflow",
            ["metadata"] = metadata,
            ["spec"] = json["spec"]?["workflowSpec"]?.DeepClone(),
        }.ToJsonString();
    }
}
