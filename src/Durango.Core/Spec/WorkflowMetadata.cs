namespace Durango.Core.Spec;

/// <summary>
/// Argo's <c>spec.workflowMetadata</c>: labels and annotations the workflow gets when it is submitted, and labels whose
/// values are expr-lang expressions over the workflow's variables (<c>labelsFrom.NAME.expression</c>).
/// </summary>
/// <param name="Labels">Labels to add.</param>
/// <param name="Annotations">Annotations to add.</param>
/// <param name="LabelsFrom">Label name to expression.</param>
public sealed record WorkflowMetadata(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string> LabelsFrom);
