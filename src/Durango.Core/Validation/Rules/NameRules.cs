using System.Text.RegularExpressions;
using Durango.Core.Diagnostics;

namespace Durango.Core.Validation.Rules;

/// <summary>Template names are unique; step and task names are unique in their template and well-formed.</summary>
internal sealed partial class NameRules : IValidationRule
{
    private const int MaxNameLength = 128;

    public void Check(ValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var templates = context.Document.Spec.Templates;
        for (var i = 0; i < templates.Count; i++)
        {
            var name = templates[i].Name;
            var path = $"spec.templates[{i}].name";
            if (name.Length > 0 && !seen.Add(name))
            {
                context.Error(DiagnosticCodes.BadName, path, $"template name '{name}' is used twice; template names must be unique");
            }

            CheckFormat(context, path, name, "template");
            var stepNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (invocation, invocationPath, argoPath) in TemplateReferences.Invocations(templates[i], $"spec.templates[{i}]", $"templates.{name}"))
            {
                if (invocation.Name.Length > 0 && !stepNames.Add(invocation.Name))
                {
                    context.Error(DiagnosticCodes.BadName, $"{invocationPath}.name",
                        $"{argoPath}: name '{invocation.Name}' is used twice in template '{name}'; names must be unique");
                }

                CheckFormat(context, $"{invocationPath}.name", invocation.Name, "step/task");
            }
        }
    }

    private static void CheckFormat(ValidationContext context, string path, string name, string what)
    {
        if (name.Length == 0)
        {
            return;
        }

        if (name.Length > MaxNameLength || !ValidName().IsMatch(name))
        {
            context.Error(DiagnosticCodes.BadName, path,
                $"{what} name '{name}' is invalid: use letters, digits and '-', starting with a letter or digit, at most {MaxNameLength} characters");
        }
    }

    // \z, not $: in .NET $ also matches before a final newline, so "abc\n" would pass.
    /// <summary>Argo's rule for the names of templates, steps, tasks and containers of a set.</summary>
    internal static bool IsValidName(string name) => ValidName().IsMatch(name);

    [GeneratedRegex(@"\A[a-zA-Z0-9][-a-zA-Z0-9_]*\z")]
    private static partial Regex ValidName();
}
