using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango list</c>'s output, as argo's: a table (<c>NAME STATUS AGE DURATION PRIORITY MESSAGE</c>; <c>wide</c> adds
/// <c>P/R/C</c> and <c>PARAMETERS</c>; <c>-A</c> a <c>NAMESPACE</c> column), the names alone, or the workflows as JSON or YAML.
/// </summary>
internal static class WorkflowListPrinter
{
    public static string Render(IReadOnlyList<WorkflowView> workflows, string output, bool namespaces, DateTimeOffset now)
    {
        switch (output)
        {
            case "name":
                return string.Concat(workflows.Select(w => w.Metadata.Name + "\n"));
            case "json":
                return JsonSerializer.Serialize(workflows, WorkflowJson.Indented) + "\n";
            case "yaml":
                return workflows.Count == 0 ? "[]\n" : YamlOutput.Write(workflows);
        }

        if (workflows.Count == 0)
        {
            return "No workflows found\n";
        }

        var wide = output == "wide";
        var header = new List<string> { "NAME", "STATUS", "AGE", "DURATION", "PRIORITY", "MESSAGE" };
        if (wide)
        {
            header.AddRange(["P/R/C", "PARAMETERS"]);
        }

        if (namespaces)
        {
            header.Insert(0, "NAMESPACE");
        }

        var rows = new List<List<string>> { header };
        foreach (var w in workflows)
        {
            var row = new List<string>
            {
                w.Metadata.Name,
                w.Status.Phase.ToString(),
                WorkflowPrinter.Duration(now - w.Metadata.CreationTimestamp),
                w.Status.StartedAt is { } s ? WorkflowPrinter.Duration((w.Status.FinishedAt ?? now) - s) : "0s",
                w.Spec?["priority"]?.ToString() ?? "0",
                w.Status.Message ?? string.Empty,
            };
            if (wide)
            {
                var pods = w.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();
                row.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{pods.Count(n => n.Phase == NodePhase.Pending)}/{pods.Count(n => n.Phase == NodePhase.Running)}/{pods.Count(n => n.Phase.Fulfilled())}"));
                row.Add(string.Join(',', (w.Spec?["arguments"]?["parameters"] as JsonArray ?? []).OfType<JsonObject>().Select(p => $"{p["name"]}={p["value"]}")));
            }

            if (namespaces)
            {
                row.Insert(0, w.Metadata.Namespace);
            }

            rows.Add(row);
        }

        var widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("   ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }
}
