using System.Text.RegularExpressions;
using Durango.Core.Spec;

namespace Durango.Server.Cli;

/// <summary>
/// <c>lint --kinds</c>, as argo's: which kinds of document to lint (<c>workflows</c>/<c>wf</c>,
/// <c>workflowtemplates</c>/<c>wftmpl</c>, <c>clusterworkflowtemplates</c>/<c>cwftmpl</c>, <c>cronworkflows</c>/<c>cronwf</c>;
/// default all), and the files a path names (a directory: its <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files, recursively).
/// </summary>
internal static partial class LintKinds
{
    private static readonly Dictionary<string, WorkflowKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["workflows"] = WorkflowKind.Workflow,
        ["workflow"] = WorkflowKind.Workflow,
        ["wf"] = WorkflowKind.Workflow,
        ["workflowtemplates"] = WorkflowKind.WorkflowTemplate,
        ["workflowtemplate"] = WorkflowKind.WorkflowTemplate,
        ["wftmpl"] = WorkflowKind.WorkflowTemplate,
        ["clusterworkflowtemplates"] = WorkflowKind.ClusterWorkflowTemplate,
        ["clusterworkflowtemplate"] = WorkflowKind.ClusterWorkflowTemplate,
        ["cwftmpl"] = WorkflowKind.ClusterWorkflowTemplate,
        ["cwft"] = WorkflowKind.ClusterWorkflowTemplate,
        ["cronworkflows"] = WorkflowKind.CronWorkflow,
        ["cronworkflow"] = WorkflowKind.CronWorkflow,
        ["cronwf"] = WorkflowKind.CronWorkflow,
        ["cwf"] = WorkflowKind.CronWorkflow,
    };

    /// <summary>The kinds <paramref name="text"/> (comma-separated) names; null or empty: every kind.</summary>
    public static IReadOnlySet<WorkflowKind> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Enum.GetValues<WorkflowKind>().ToHashSet();
        }

        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Names.TryGetValue(k, out var kind) ? kind
                : throw new CliUsageException($"--kinds '{k}' is not a kind; use workflows, workflowtemplates, clusterworkflowtemplates or cronworkflows (wf, wftmpl, cwftmpl, cronwf)"))
            .ToHashSet();
    }

    /// <summary>The files <paramref name="path"/> names: itself, or a directory's YAML and JSON files in order.</summary>
    public static IEnumerable<string> Files(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
        : [path];

    /// <summary>
    /// The kind written in the document of <paramref name="text"/> holding line <paramref name="line"/> (documents split at
    /// <c>---</c> lines), or null when it names none: how a file's diagnostics are kept or dropped by <c>--kinds</c>.
    /// </summary>
    public static WorkflowKind? KindAt(string text, int line)
    {
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd().StartsWith("---", StringComparison.Ordinal))
            {
                if (i + 1 >= line)
                {
                    break;
                }

                start = i + 1;
            }
        }

        var end = Array.FindIndex(lines, start, l => l.TrimEnd().StartsWith("---", StringComparison.Ordinal));
        var document = lines[start..(end < 0 ? lines.Length : end)];
        var kind = document.Select(l => KindLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        return kind is not null && Enum.TryParse<WorkflowKind>(kind, out var parsed) ? parsed : null;
    }

    [GeneratedRegex(@"^kind:\s*[""']?(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex KindLine();
}
