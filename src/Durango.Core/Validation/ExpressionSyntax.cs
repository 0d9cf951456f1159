using System.Text.RegularExpressions;
using Durango.Core.Expressions;

namespace Durango.Core.Validation;

/// <summary>Checks that an expression parses, with its <c>{{...}}</c> tags stood in for by plain values.</summary>
internal static partial class ExpressionSyntax
{
    public static string? Check(string expression, ExpressionDialect dialect)
    {
        // Tags are substituted before evaluation, so a placeholder of the same kind (a word) takes their place.
        var text = Tag().Replace(expression, "placeholder");
        return NCalcExpressionEvaluator.Instance.CheckSyntax(text, dialect);
    }

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Tag();
}
