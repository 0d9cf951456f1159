using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

/// <summary>
/// Hostile expressions end in a failed result naming the limit, never in an exception, a stack overflow or
/// gigabytes of memory. Without the depth guards the 100,000-deep cases overflow the stack and crash the test run.
/// </summary>
public class ExpressionLimitsTests
{
    private const int Deep = 100_000;
    private static readonly Dictionary<string, string> NoVariables = [];

    public static TheoryData<string, string> DeepExpressions() => new()
    {
        { "bangs", new string('!', Deep) + "true" },
        { "minuses", new string('-', Deep) + "1" },
        { "parentheses", new string('(', Deep) + "1" + new string(')', Deep) },
        { "unclosed parentheses", new string('(', Deep) },
        { "sum chain", string.Join(" + ", Enumerable.Repeat("1", Deep)) },
        { "and chain", string.Join(" && ", Enumerable.Repeat("true", Deep)) },
        { "member chain", "a" + string.Concat(Enumerable.Repeat(".b", Deep)) },
        { "index chain", "a" + string.Concat(Enumerable.Repeat("[0]", Deep)) },
        { "ternary chain", string.Concat(Enumerable.Repeat("true ? 1 : ", Deep)) + "2" },
        { "call chain", string.Concat(Enumerable.Repeat("asInt(", Deep)) + "1" + new string(')', Deep) },
        { "list chain", new string('[', Deep) + new string(']', Deep) },
    };

    /// <summary>The shapes that nest in <c>when</c> too (there bare words are strings and calls do not exist).</summary>
    public static TheoryData<string, string> DeepWhenExpressions() => new()
    {
        { "bangs", new string('!', Deep) + "true" },
        { "minuses", new string('-', Deep) + "1" },
        { "parentheses", new string('(', Deep) + "1" + new string(')', Deep) },
        { "sum chain", string.Join(" + ", Enumerable.Repeat("1", Deep)) },
        { "or chain", string.Join(" || ", Enumerable.Repeat("heads == tails", Deep)) },
        { "ternary chain", string.Concat(Enumerable.Repeat("true ? 1 : ", Deep)) + "2" },
    };

    [Theory]
    [MemberData(nameof(DeepExpressions))]
    public void Evaluate_100000DeepExpr_FailsWithDepthLimit(string shape, string text)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, NoVariables);

        Assert.False(result.Succeeded, $"{shape} evaluated");
        Assert.Contains("Durango:Limits:ExpressionDepth", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeepWhenExpressions))]
    public void Evaluate_100000DeepWhen_FailsWithDepthLimit(string shape, string text)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Govaluate, NoVariables);

        Assert.False(result.Succeeded, $"{shape} evaluated");
        Assert.Contains("Durango:Limits:ExpressionDepth", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_100000DottedWordsInWhen_IsOneString()
    {
        var text = "a" + string.Concat(Enumerable.Repeat(".b", Deep));

        var result = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Govaluate, NoVariables);

        Assert.Equal(text, result.Text);
    }

    [Theory]
    [MemberData(nameof(DeepExpressions))]
    public void CheckSyntax_100000Deep_ReturnsDepthError(string shape, string text)
    {
        var error = NCalcExpressionEvaluator.Instance.CheckSyntax(text, ExpressionDialect.Expr);

        Assert.True(error is not null, shape);
        Assert.Contains("nests deeper than 256", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeepExpressions))]
    public void Substitute_100000DeepExpressionTag_ReportsError(string shape, string text)
    {
        var result = TemplateTags.Substitute("x {{=" + text + "}} y", NoVariables);

        Assert.False(result.Complete, shape);
        Assert.Contains(result.Errors, e => e.Contains("ExpressionDepth", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(")]
    [InlineData("!")]
    [InlineData("(!")]
    public void DependsTryParse_100000Deep_ReturnsError(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, Deep)) + "A" + (unit.Contains('(', StringComparison.Ordinal) ? new string(')', Deep) : string.Empty);

        var parsed = DependsExpression.TryParse(text, out var error);

        Assert.Null(parsed);
        Assert.Contains("ExpressionDepth", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DependsTryParse_100000TaskChain_ReturnsError()
    {
        var parsed = DependsExpression.TryParse(string.Join(" && ", Enumerable.Repeat("A.Succeeded", Deep)), out var error);

        Assert.Null(parsed);
        Assert.Contains("ExpressionDepth", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("-")]
    [InlineData("(")]
    public void Evaluate_NestingWithinLimit_Succeeds(string unit)
    {
        var depth = 250;
        var text = new string(unit[0], depth) + "1" + (unit == "(" ? new string(')', depth) : string.Empty);
        if (unit == "!")
        {
            text = new string('!', depth) + "true";
        }

        var result = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, NoVariables);

        Assert.Null(result.Error);
    }

    [Fact]
    public void Evaluate_DepthLimitSetLow_IsHonoured()
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionDepth = 5 });

        Assert.Null(evaluator.Evaluate("!!!!true", ExpressionDialect.Expr, NoVariables).Error);
        Assert.Contains("deeper than 5", evaluator.Evaluate("!!!!!!!!true", ExpressionDialect.Expr, NoVariables).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NestedRepeat_FailsBeforeAllocating()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = NCalcExpressionEvaluator.Instance.Evaluate(
            "sprig.repeat(10000, sprig.repeat(10000, 'aaaaaaaaaa'))", ExpressionDialect.Expr, NoVariables);

        Assert.False(result.Succeeded);
        Assert.Contains("expression result would be 1000000000 characters, over the limit of 1048576 (Durango:Limits:ExpressionResultChars)", result.Error, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024, "allocated more than 64 MiB");
    }

    [Theory]
    [InlineData("sprig.repeat(3, 'abcd')")]
    [InlineData("'abcdef' + 'ghijkl'")]
    [InlineData("join(['abcd', 'efgh', 'ijkl'], ',')")]
    [InlineData("sprig.join(',', ['abcd', 'efgh', 'ijkl'])")]
    [InlineData("sprig.replace('a', 'aaaa', 'aaaa')")]
    [InlineData("sprig.quote('abcdefghij')")]
    [InlineData("sprig.b64enc('abcdefghij')")]
    [InlineData("toJson(['abcd', 'efgh', 'ijkl'])")]
    [InlineData("split('a,b,c,d,e,f,g,h,i,j,k,l', ',')")]
    public void Evaluate_ResultOverLimit_FailsNamingTheSetting(string expression)
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionResultChars = 10 });

        var result = evaluator.Evaluate(expression, ExpressionDialect.Expr, NoVariables);

        Assert.False(result.Succeeded, expression);
        Assert.Contains("over the limit of 10 (Durango:Limits:ExpressionResultChars)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ResultWithinLimit_Succeeds()
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionResultChars = 10 });

        Assert.Equal("abcdabcd", evaluator.Evaluate("sprig.repeat(2, 'abcd')", ExpressionDialect.Expr, NoVariables).Text);
        Assert.Equal("abcdefghij", evaluator.Evaluate("'abcde' + 'fghij'", ExpressionDialect.Expr, NoVariables).Text);
    }

    [Theory]
    [InlineData("1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1")]
    [InlineData("count(map([1, 2, 3, 4, 5, 6], {# * 2}), {# > 2})")]
    public void Evaluate_OverStepBudget_FailsNamingTheSetting(string expression)
    {
        var evaluator = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionSteps = 10 });

        var result = evaluator.Evaluate(expression, ExpressionDialect.Expr, NoVariables);

        Assert.Contains("more than 10 steps (Durango:Limits:ExpressionSteps)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NestedMapsOverLargeList_StopAtStepBudget()
    {
        var list = "[" + string.Join(',', Enumerable.Range(0, 1000)) + "]";

        var result = NCalcExpressionEvaluator.Instance.Evaluate(
            $"count(map({list}, {{count({list}, {{# > 0}})}}), {{# > 0}})", ExpressionDialect.Expr, NoVariables);

        Assert.Contains("Durango:Limits:ExpressionSteps", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fromJson(item)")]
    [InlineData("jsonpath(item, '$.a')")]
    [InlineData("len(item)")]
    [InlineData("item[0]")]
    public void Evaluate_JsonNested100000Deep_FailsWithDepthLimit(string expression)
    {
        var variables = new Dictionary<string, string> { ["item"] = new string('[', Deep) + new string(']', Deep) };

        var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, ExpressionDialect.Expr, variables);

        Assert.False(result.Succeeded, expression);
        Assert.Contains("Durango:Limits:ExpressionDepth", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NullPlusText_BehavesAsBefore()
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate("'a' + 'b' + string(1)", ExpressionDialect.Expr, NoVariables);

        Assert.Equal("ab1", result.Text);
    }
}
