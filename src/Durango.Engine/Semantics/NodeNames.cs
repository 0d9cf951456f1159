using System.Globalization;
using System.Text.RegularExpressions;

namespace Durango.Engine.Semantics;

/// <summary>Argo's node naming: children of steps, groups, tasks, loops, retries, and display names.</summary>
public static partial class NodeNames
{
    /// <summary>Group <paramref name="index"/> of steps node <paramref name="steps"/>: <c>wf[0]</c>.</summary>
    public static string Group(string steps, int index) => $"{steps}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>A step of a group, or a task of a DAG: <c>wf[0].step1</c>, <c>wf.A</c>.</summary>
    public static string Child(string parent, string name) => $"{parent}.{name}";

    /// <summary>Attempt <paramref name="attempt"/> of a retried node: <c>wf[0].step1(0)</c>.</summary>
    public static string Attempt(string node, int attempt) => $"{node}({attempt.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>
    /// The display name: the node name less its boundary's name and the <c>[n].</c> or <c>.</c> that follows,
    /// or the whole name when the node has no boundary (the root, exit handlers, workflow hooks).
    /// </summary>
    public static string DisplayName(string nodeName, string? boundaryName)
    {
        if (boundaryName is null || !nodeName.StartsWith(boundaryName, StringComparison.Ordinal) || nodeName.Length == boundaryName.Length)
        {
            return nodeName;
        }

        return Separator().Replace(nodeName[boundaryName.Length..], string.Empty);
    }

    [GeneratedRegex(@"^(\[\d+\])?\.")]
    private static partial Regex Separator();
}
