using Durango.Core.Expressions;

namespace Durango.Engine.Semantics;

/// <summary>The outcome of a <c>when</c>: run or not, the substituted text (for the Skipped message), or an error.</summary>
public sealed record WhenOutcome(bool Run, string Text, string? Error)
{
    /// <summary>Argo's message for a node skipped by its <c>when</c>.</summary>
    public string SkippedMessage => $"when '{Text}' evaluated false";
}

/// <summary>
/// Argo's <c>when</c>: tags are substituted first, then the text is evaluated with govaluate's rules (bare words
/// are strings). A result that is not a boolean, or a tag left unresolved, is an error.
/// </summary>
public static class WhenCondition
{
    /// <summary>Evaluates <paramref name="when"/> in <paramref name="scope"/>; no condition means run.</summary>
    public static WhenOutcome Evaluate(string? when, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator evaluator)
    {
        if (string.IsNullOrWhiteSpace(when))
        {
            return new WhenOutcome(true, string.Empty, null);
        }

        var substituted = TemplateTags.Substitute(when, scope, evaluator);
        if (!substituted.Complete)
        {
            var tag = substituted.Unresolved.Count > 0 ? $"{{{{{substituted.Unresolved[0]}}}}}" : substituted.Errors[0];
            return new WhenOutcome(false, substituted.Text, $"invalid 'when' expression '{when}': failed to resolve {tag}");
        }

        var result = evaluator.Evaluate(substituted.Text, ExpressionDialect.Govaluate, new Dictionary<string, string>());
        if (!result.Succeeded)
        {
            return new WhenOutcome(false, substituted.Text, $"invalid 'when' expression '{substituted.Text}': {result.Error}");
        }

        return result.Value is bool run
            ? new WhenOutcome(run, substituted.Text, null)
            : new WhenOutcome(false, substituted.Text, $"expected boolean evaluation for '{substituted.Text}', got {result.Text}");
    }
}
