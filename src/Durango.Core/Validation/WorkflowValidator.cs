using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Validation.Rules;

namespace Durango.Core.Validation;

/// <summary>
/// Argo's validation rules (upstream <c>workflow/validate/validate.go</c>), each in its own file. Returns every
/// diagnostic, with line and column, and never stops at the first.
/// </summary>
public static class WorkflowValidator
{
    private static readonly IValidationRule[] Rules =
    [
        new NameRules(),
        new ReferenceRules(),
        new DagRules(),
        new LifecycleHookRules(),
        new ValueRules(),
        new VariableRules(),
        new ParameterExpressionRules(),
        new MemoizeRules(),
        new ContainerSetRules(),
        new DaemonRules(),
    ];

    /// <summary>Validates one loaded document against <paramref name="registry"/>.</summary>
    public static IReadOnlyList<Diagnostic> Validate(LoadedDocument document, ITemplateRegistry? registry = null)
    {
        var context = new ValidationContext(document, registry ?? InMemoryTemplateRegistry.Empty);
        foreach (var rule in Rules)
        {
            rule.Check(context);
        }

        return context.Diagnostics;
    }

    /// <summary>Loads and validates <paramref name="text"/>: load diagnostics first, then each document's.</summary>
    public static LintResult Lint(string text, string file, ITemplateRegistry? registry = null)
    {
        var load = WorkflowLoader.Load(text, file);
        var diagnostics = load.Diagnostics.ToList();
        foreach (var document in load.Documents)
        {
            diagnostics.AddRange(Validate(document, registry));
        }

        return new LintResult(load.Documents, diagnostics);
    }
}

/// <summary>The documents of a file and every diagnostic about them.</summary>
public sealed record LintResult(IReadOnlyList<LoadedDocument> Documents, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
