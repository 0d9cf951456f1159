using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Resolution;

/// <summary>The labels and annotations a workflow carries, or why a <c>labelsFrom</c> expression could not give one.</summary>
public sealed record WorkflowMetadataResult(
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string? Error, string? ErrorPath);

/// <summary>
/// Argo's rule for <c>spec.workflowMetadata</c> (upstream workflow/controller/operator.go, setWorkflowMetadata): its
/// labels and annotations are added to the workflow's own (the workflow's win), then each <c>labelsFrom</c>
/// expression is evaluated over <c>workflow.name</c>, <c>workflow.namespace</c>, <c>workflow.uid</c>,
/// <c>workflow.parameters.*</c>, <c>workflow.labels.*</c> and <c>workflow.annotations.*</c> and sets its label.
/// </summary>
public static class WorkflowMetadataLabels
{
    /// <summary>Applies <paramref name="metadata"/> to the workflow's <paramref name="labels"/> and <paramref name="annotations"/>.</summary>
    public static WorkflowMetadataResult Apply(
        WorkflowMetadata? metadata, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations,
        string name, string @namespace, string uid, IReadOnlyList<Parameter> parameters)
    {
        if (metadata is null)
        {
            return new WorkflowMetadataResult(labels, annotations, null, null);
        }

        var merged = Under(labels, metadata.Labels);
        var notes = Under(annotations, metadata.Annotations);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workflow.name"] = name,
            ["workflow.namespace"] = @namespace,
            ["workflow.uid"] = uid,
        };
        foreach (var parameter in parameters)
        {
            variables[$"workflow.parameters.{parameter.Name}"] = parameter.Value ?? parameter.Default ?? string.Empty;
        }

        foreach (var (key, value) in merged)
        {
            variables[$"workflow.labels.{key}"] = value;
        }

        foreach (var (key, value) in notes)
        {
            variables[$"workflow.annotations.{key}"] = value;
        }

        foreach (var (label, expression) in metadata.LabelsFrom)
        {
            var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, ExpressionDialect.Expr, variables);
            if (!result.Succeeded)
            {
                return new WorkflowMetadataResult(labels, annotations,
                    $"failed to evaluate the label '{label}': {result.Error}; fix the expression", $"spec.workflowMetadata.labelsFrom.{label}.expression");
            }

            merged[label] = result.Text;
        }

        return new WorkflowMetadataResult(merged, notes, null, null);
    }

    private static Dictionary<string, string> Under(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(added, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }

        return merged;
    }
}
