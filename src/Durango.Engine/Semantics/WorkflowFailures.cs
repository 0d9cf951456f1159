using System.Globalization;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// <c>{{workflow.failures}}</c>: every Failed or Error node (step groups, retries and hooks included) as Argo's
/// JSON array, Go-quoted (<c>strconv.Quote</c>) so that the escaped quotes survive substitution into a shell
/// command; <c>"null"</c> when nothing failed, as Go marshals a nil slice.
/// </summary>
public static class WorkflowFailures
{
    /// <summary>The failure record of <paramref name="node"/>.</summary>
    public static FailedNode Describe(string workflowName, NodeStatus node) => new(
        node.DisplayName,
        node.Message ?? string.Empty,
        node.TemplateName ?? string.Empty,
        node.Phase.ToString(),
        NodeIds.PodName(workflowName, node.Name, node.TemplateName),
        node.FinishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The value of <c>workflow.failures</c> for <paramref name="failures"/>.</summary>
    public static string Encode(IReadOnlyCollection<FailedNode> failures) =>
        GoJson.Quote(failures.Count == 0 ? "null" : GoJson.Marshal(failures));
}
