using System.Globalization;
using Durango.Api.Lists;

namespace Durango.Api.Workflows;

/// <summary>
/// Which workflows to list or watch: a namespace (null: every namespace), argo-server's label and field selectors
/// (phase is the label <c>workflows.argoproj.io/phase</c>; <c>nameFilter</c> makes <c>metadata.name</c> a prefix or
/// substring match), and a page.
/// </summary>
/// <param name="Namespace">The namespace, or null for all.</param>
/// <param name="Labels">The label selector.</param>
/// <param name="Fields">The field selector.</param>
/// <param name="Limit">The most items in a page; 0 for no limit.</param>
/// <param name="Offset">Where the page starts (from the previous page's <c>continue</c> token).</param>
public sealed record WorkflowFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields, int Limit = 0, int Offset = 0)
{
    /// <summary>Everything in every namespace.</summary>
    public static WorkflowFilter All { get; } = new(null, LabelSelector.Everything, FieldSelector.Everything);

    /// <summary>Parses a <c>continue</c> token; null or malformed starts at the beginning.</summary>
    public static int ParseOffset(string? token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;

    /// <summary>True when the workflow described by <paramref name="metadata"/> (labels including Argo's phase labels) is selected.</summary>
    public bool Matches(WorkflowMetadataView metadata) =>
        (Namespace is null || metadata.Namespace == Namespace)
        && Fields.Matches(metadata.Namespace, metadata.Name)
        && Labels.Matches(metadata.Labels);
}
