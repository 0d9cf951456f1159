namespace Durango.Core.Expressions;

/// <summary>Evaluates Argo expressions over Argo's flat variables (<c>steps.a.status</c>, <c>workflow.status</c>).</summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates <paramref name="expression"/>; never throws on bad input.</summary>
    ExpressionResult Evaluate(string expression, ExpressionDialect dialect, IReadOnlyDictionary<string, string> variables);

    /// <summary>Checks that <paramref name="expression"/> parses; returns the problem, or null.</summary>
    string? CheckSyntax(string expression, ExpressionDialect dialect);
}
