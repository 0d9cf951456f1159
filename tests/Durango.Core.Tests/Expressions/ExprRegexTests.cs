using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

/// <summary><c>matches</c> and <c>=~</c> decide by sizes and a linear-time engine, never by a clock.</summary>
public class ExprRegexTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Theory]
    [InlineData("'abc' matches '^a.c$'", true)]
    [InlineData("'abd' matches '^a.c$'", false)]
    [InlineData("'ABC' matches '(?i)^abc$'", true)]
    public void Evaluate_Matches_AnswersAsBefore(string expression, bool expected)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, ExpressionDialect.Expr, NoVariables);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.IsTrue);
    }

    [Fact]
    public void Evaluate_CatastrophicBacktrackingPattern_AnswersWithoutTimeout()
    {
        var variables = new Dictionary<string, string> { ["text"] = new string('a', 60_000) + "!" };

        var result = NCalcExpressionEvaluator.Instance.Evaluate("text matches '^(a+)+$'", ExpressionDialect.Expr, variables);

        Assert.Null(result.Error);
        Assert.False(result.IsTrue);
    }

    [Theory]
    [InlineData(@"'aa' matches '(a)\\1'")]
    [InlineData("'ab' matches 'a(?=b)'")]
    [InlineData("'ab' matches '(?<=a)b'")]
    [InlineData("'ab' matches '(?>a)b'")]
    public void Evaluate_BacktrackingOnlyConstruct_FailsAsNotSupported(string expression)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, ExpressionDialect.Expr, NoVariables);

        Assert.False(result.Succeeded);
        Assert.Contains("not supported", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PatternOverLimit_FailsNamingTheSetting()
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { RegexPatternChars = 5 });

        var result = evaluator.Evaluate("'abc' matches 'abcdef'", ExpressionDialect.Expr, NoVariables);

        Assert.Contains("over the limit of 5 (Durango:Limits:RegexPatternChars)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_InputOverLimit_FailsNamingTheSetting()
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { RegexInputChars = 5 });

        var result = evaluator.Evaluate("abcdef =~ 'a'", ExpressionDialect.Govaluate, NoVariables);

        Assert.Contains("over the limit of 5 (Durango:Limits:RegexInputChars)", result.Error, StringComparison.Ordinal);
    }
}
