using System.Globalization;
using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>Which workflows to list: phases, a Kubernetes-style label selector, a name prefix, and a page.</summary>
/// <param name="Phases">Phases to keep; empty keeps all.</param>
/// <param name="Labels">Label selector: <c>key=value</c>, <c>key!=value</c> or <c>key</c>, comma-separated.</param>
/// <param name="Prefix">Names starting with this.</param>
/// <param name="Limit">The most items in a page.</param>
/// <param name="Offset">Where the page starts (the <c>continue</c> token of the previous page).</param>
public sealed record WorkflowFilter(IReadOnlyList<WorkflowPhase> Phases, string? Labels, string? Prefix, int Limit = 100, int Offset = 0)
{
    /// <summary>Everything, first page.</summary>
    public static WorkflowFilter All { get; } = new([], null, null);

    /// <summary>Parses a <c>continue</c> token; null or malformed starts at the beginning.</summary>
    public static int ParseOffset(string? token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;

    /// <summary>True when a workflow with <paramref name="phase"/> and <paramref name="labels"/> is kept.</summary>
    public bool Matches(WorkflowPhase phase, IReadOnlyDictionary<string, string> labels)
    {
        if (Phases.Count > 0 && !Phases.Contains(phase))
        {
            return false;
        }

        foreach (var requirement in (Labels ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negated = requirement.Contains("!=", StringComparison.Ordinal);
            var parts = requirement.Split(negated ? "!=" : "=", 2, StringSplitOptions.TrimEntries);
            var present = labels.TryGetValue(parts[0], out var value);
            var holds = parts.Length == 1 ? present : present && value == parts[1];
            if (holds == negated)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A page of workflows and the token of the next page, if any.</summary>
public sealed record WorkflowPage(IReadOnlyList<WorkflowListItem> Items, string? Continue);
