using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli;

/// <summary>Prints a workflow the way <c>argo get</c> does: a header, then the node tree with phases and durations.</summary>
internal static class WorkflowPrinter
{
    private static readonly string[] Header = ["STEP", "TEMPLATE", "PODNAME", "DURATION", "MESSAGE"];

    public static string Render(WorkflowView view, DateTimeOffset now)
    {
        var status = view.Status;
        var text = new StringBuilder();
        Field(text, "Name", view.Metadata.Name);
        Field(text, "Namespace", view.Metadata.Namespace);
        Field(text, "ServiceAccount", ServiceAccount(view));
        Field(text, "Status", status.Phase + (view.Suspended ? " (Suspended)" : string.Empty));
        if (status.Message is { } message)
        {
            Field(text, "Message", message);
        }

        Field(text, "Created", Time(view.Metadata.CreationTimestamp));
        if (status.StartedAt is { } started)
        {
            Field(text, "Started", Time(started));
            if (status.FinishedAt is { } finished)
            {
                Field(text, "Finished", Time(finished));
            }

            Field(text, "Duration", Duration((status.FinishedAt ?? now) - started));
        }

        Field(text, "Progress", status.Progress ?? string.Empty);
        var parameters = (view.Spec?["arguments"]?["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["value"] is not null).ToList();
        if (parameters.Count > 0)
        {
            Field(text, "Parameters", string.Empty);
            foreach (var parameter in parameters)
            {
                Field(text, $"  {parameter["name"]}", Text(parameter["value"]));
            }
        }

        if (status.Outputs?.Parameters is { Count: > 0 } outputs)
        {
            Field(text, "Output Parameters", string.Empty);
            foreach (var output in outputs)
            {
                Field(text, $"  {output.Name}", output.Value ?? string.Empty);
            }
        }

        var rows = new List<string[]> { Header };
        var groups = Groups(Nodes(view));
        foreach (var root in Roots(view))
        {
            if (rows.Count > 1)
            {
                rows.Add([]);
            }

            AddRows(rows, view, groups, root, string.Empty, isRoot: true, isLast: true, now);
        }

        text.AppendLine();
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r.Length > c ? r[c].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine(row.Length == 0 ? string.Empty : string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }

    /// <summary>The symbol of a phase, as Argo's CLI shows it.</summary>
    public static string Symbol(NodePhase phase) => phase switch
    {
        NodePhase.Succeeded => "✔",
        NodePhase.Failed => "✖",
        NodePhase.Error => "⚠",
        NodePhase.Running => "●",
        NodePhase.Skipped or NodePhase.Omitted => "○",
        _ => "◷",
    };

    /// <summary>Argo's short durations: <c>5s</c>, <c>2m30s</c>, <c>1h5m</c>.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)duration.TotalSeconds)}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{duration.Seconds}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h{duration.Minutes}m"),
    };

    private static IEnumerable<NodeView> Roots(WorkflowView view)
    {
        var children = Nodes(view).Values.SelectMany(n => n.Children).ToHashSet(StringComparer.Ordinal);
        return Nodes(view).Values.Where(n => !children.Contains(n.Id)).OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue);
    }

    private static void AddRows(
        List<string[]> rows, WorkflowView view, ILookup<string, NodeView> groups, NodeView node, string prefix, bool isRoot, bool isLast, DateTimeOffset now)
    {
        var branch = isRoot ? " " : prefix + (isLast ? "└─" : "├─");
        var leaf = node.Type.IsLeaf() || node.Type == NodeType.Suspend;
        var duration = leaf && node.StartedAt is { } start ? Duration((node.FinishedAt ?? now) - start) : string.Empty;
        var pod = node.Type == NodeType.Pod ? NodeIds.PodName(view.Metadata.Name, node.Name, node.TemplateName) : string.Empty;
        rows.Add([$"{branch}{Symbol(node.Phase)} {node.DisplayName}", node.TemplateName ?? string.Empty, pod, duration, node.Message ?? string.Empty]);

        var children = Below(Nodes(view), groups, node);
        var childPrefix = isRoot ? " " : prefix + (isLast ? "  " : "│ ");
        for (var i = 0; i < children.Count; i++)
        {
            AddRows(rows, view, groups, children[i], childPrefix, isRoot: false, isLast: i == children.Count - 1, now);
        }
    }

    /// <summary>
    /// The nodes drawn below <paramref name="node"/>. As in Argo's graph, a steps node's only child is its first step
    /// group and each later group is a child of the nodes the group before it ended with; like Argo's CLI
    /// (<c>convertToRenderTrees</c>, which places a group by its boundary), a steps node draws every group of its own, in
    /// order, each as the steps it holds, and a node never draws a group of another steps node (the next group).
    /// </summary>
    private static List<NodeView> Below(IReadOnlyDictionary<string, NodeView> nodes, ILookup<string, NodeView> groups, NodeView node)
    {
        var own = node.Type == NodeType.Steps ? groups[node.Id] : [];
        var others = node.Children.Where(nodes.ContainsKey).Select(id => nodes[id]).Where(c => c.Type != NodeType.StepGroup);
        return own.Concat(others)
            .SelectMany(c => c.Type == NodeType.StepGroup ? c.Children.Where(nodes.ContainsKey).Select(id => nodes[id]).Where(s => s.Type != NodeType.StepGroup) : [c])
            .ToList();
    }

    /// <summary>The step groups by the id of their steps node (their boundary), each node's in order.</summary>
    private static ILookup<string, NodeView> Groups(IReadOnlyDictionary<string, NodeView> nodes) =>
        nodes.Values.Where(n => n.Type == NodeType.StepGroup && n.BoundaryId is not null).OrderBy(GroupIndex).ToLookup(n => n.BoundaryId!, StringComparer.Ordinal);

    /// <summary>A step group's index, from its name's last <c>[i]</c>.</summary>
    private static int GroupIndex(NodeView group)
    {
        var open = group.Name.LastIndexOf('[');
        return open >= 0 && group.Name.EndsWith(']') && int.TryParse(group.Name.AsSpan(open + 1, group.Name.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : int.MaxValue;
    }

    private static IReadOnlyDictionary<string, NodeView> Nodes(WorkflowView view) => view.Status.Nodes;

    // argo get's header: the label padded to 20, a space, the value.
    private static void Field(StringBuilder text, string name, string value) => text.Append(string.Create(CultureInfo.InvariantCulture, $"{name + ":",-20} {value}").TrimEnd()).Append('\n');

    private static string ServiceAccount(WorkflowView view) => view.Spec?["serviceAccountName"]?.ToString() is { Length: > 0 } account
        ? account
        : view.Spec?["workflowTemplateRef"] is not null ? "unset" : "unset (will run with the default ServiceAccount)";

    private static string Text(JsonNode? value) => value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? string.Empty;

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture);
}
