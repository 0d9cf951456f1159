using Durango.Core.Expressions;

namespace Durango.Core.Validation;

/// <summary>Checks that an expression parses, with its <c>{{...}}</c> tags stood in for by plain values.</summary>
internal static class ExpressionSyntax
{
    public static string? Check(string expression, ExpressionDialect dialect)
    {
        // Tags are substituted before evaluation, so a placeholder of the same kind (a word) takes their place.
        var text = TemplateTags.Replace(expression, "placeholder");
        return NCalcExpressionEvaluator.Instance.CheckSyntax(text, dialect);
    }
}
