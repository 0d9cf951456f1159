using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Server.Cli;

/// <summary>
/// <c>-p name=value</c> must name one of the workflow's <c>spec.arguments.parameters</c>, as argo requires: a typo is a
/// usage error with a "did you mean", not a value silently ignored. A workflow that takes its arguments from a
/// <c>workflowTemplateRef</c> is left to the server, which knows the template.
/// </summary>
internal static class ParameterCheck
{
    /// <summary>Throws <see cref="CliUsageException"/> for the first parameter <paramref name="text"/>'s workflow does not declare.</summary>
    public static void Check(string text, string file, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        var workflow = WorkflowLoader.Load(text, file).Documents.Select(d => d.Document).FirstOrDefault(d => d.Kind == WorkflowKind.Workflow);
        if (workflow is null || workflow.Spec.WorkflowTemplateRef is not null)
        {
            return;
        }

        var declared = workflow.Spec.Arguments.Parameters.Select(p => p.Name).ToList();
        foreach (var (name, _) in parameters.Where(p => !declared.Contains(p.Key, StringComparer.Ordinal)))
        {
            var near = declared.OrderBy(d => EditDistance.Between(name, d)).FirstOrDefault(d => EditDistance.Between(name, d) <= Math.Max(2, d.Length / 3));
            var known = declared.Count == 0 ? "the workflow declares none" : $"it declares {string.Join(", ", declared)}";
            throw new CliUsageException($"parameter '{name}' is not in spec.arguments.parameters of {file} ({known})"
                + (near is null ? string.Empty : $"; did you mean '{near}'?"));
        }
    }
}
