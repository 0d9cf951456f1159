using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

public class NCalcExpressionEvaluatorTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["steps.step-1.status"] = "Running",
        ["steps.step2.status"] = "Succeeded",
        ["workflow.status"] = "Running",
        ["tasks.A.status"] = "Failed",
        ["inputs.parameters.n"] = "7",
        ["inputs.parameters.ratio"] = "0.5",
        ["inputs.parameters.json"] = "{\"a\":{\"b\":[1,2,3]},\"name\":\"x\"}",
        ["item"] = "{\"name\":\"alpha\",\"size\":3}",
        ["steps.flip.outputs.result"] = "heads",
    };

    private static ExpressionResult Expr(string text) => NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, Vars);

    private static ExpressionResult When(string text) => NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Govaluate, Vars);

    [Theory]
    [InlineData("steps[\"step-1\"].status == \"Running\"")]
    [InlineData("steps.step2.status == \"Succeeded\"")]
    [InlineData("workflow.status == \"Running\"")]
    [InlineData("tasks.A.status == 'Failed'")]
    [InlineData("!(workflow.status == 'Succeeded')")]
    [InlineData("not (workflow.status == 'Succeeded') and true")]
    [InlineData("workflow.status == 'Succeeded' or true")]
    [InlineData("workflow.status in ['Running', 'Pending']")]
    [InlineData("workflow.status not in ['Failed']")]
    [InlineData("asInt(inputs.parameters.n) > 5")]
    [InlineData("asFloat(inputs.parameters.ratio) == 0.5")]
    [InlineData("(asInt(inputs.parameters.n) > 5 ? 'big' : 'small') == 'big'")]
    [InlineData("(missing.value ?? 'fallback') == 'fallback'")]
    [InlineData("jsonpath(inputs.parameters.json, '$.a.b[1]') == 2")]
    [InlineData("item.name == 'alpha' && item.size == 3")]
    [InlineData("sprig.upper('abc') == 'ABC'")]
    [InlineData("sprig.trim('  a ') == 'a'")]
    [InlineData("sprig.replace('a', 'b', 'banana') == 'bbnbnb'")]
    [InlineData("'abc' matches '^a'")]
    [InlineData("'abc' contains 'b' && 'abc' startsWith 'a' && 'abc' endsWith 'c'")]
    [InlineData("len([1, 2, 3]) == 3")]
    [InlineData("toJson([1, 'a']) == '[1,\"a\"]'")]
    [InlineData("toJson(filter([1, 3], {# > 1})) == '[3]'")]
    [InlineData("toJson(map([1, 2], {# * 10})) == '[10,20]'")]
    [InlineData("all([2, 4], {# % 2 == 0}) && any([1, 2], {# == 2}) && none([1], {# > 5}) && count([1, 2, 3], {# > 1}) == 2")]
    [InlineData("sprig.date('2006-01-02', '2024-03-05T10:20:30Z') == '2024-03-05'")]
    public void Evaluate_ExprLang_IsTrue(string expression)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.True(result.IsTrue, $"{expression} => {result.Value}");
    }

    [Theory]
    [InlineData("heads == heads", true)]
    [InlineData("heads == tails", false)]
    [InlineData("Failed != Succeeded", true)]
    [InlineData("'Succeeded' == Succeeded", true)]
    [InlineData("5 > 3 && 10 >= 10", true)]
    [InlineData("10 < 9", false)]
    [InlineData("abc =~ '^a.c$'", true)]
    [InlineData("!(a == b)", true)]
    [InlineData("foo.bar == foo.bar", true)]
    [InlineData("2 in (1, 2, 3)", true)]
    public void Evaluate_Govaluate_BareWordsAreStrings(string expression, bool expected)
    {
        var result = When(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.IsTrue);
    }

    [Fact]
    public void Evaluate_Arithmetic_KeepsNumbersAndFormatsLikeGo()
    {
        Assert.Equal("10", Expr("asInt(inputs.parameters.n) + 3").Text);
        Assert.Equal("3.5", Expr("asInt(inputs.parameters.n) / 2").Text);
        Assert.Equal("x-7", Expr("'x-' + inputs.parameters.n").Text);
    }

    [Theory]
    [InlineData("workflow.status ==")]
    [InlineData("(a")]
    [InlineData("'unclosed")]
    [InlineData("a # b")]
    [InlineData("nosuchfn(1)")]
    [InlineData("")]
    public void Evaluate_BadSyntax_IsErrorNotException(string expression)
    {
        var result = Expr(expression);

        Assert.False(result.Succeeded);
        Assert.False(result.IsTrue);
        Assert.NotEmpty(result.Error!);
    }

    [Fact]
    public void Evaluate_RuntimeTypeError_IsError()
    {
        var result = Expr("asInt('seven') > 1");

        Assert.False(result.Succeeded);
        Assert.Contains("seven", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UserTextIsNeverNCalcSource()
    {
        // A string that is valid NCalc must stay a string value, not be evaluated.
        var result = NCalcExpressionEvaluator.Instance.Evaluate(
            "x == 'a'", ExpressionDialect.Expr, new Dictionary<string, string> { ["x"] = "') || true || ('" });

        Assert.True(result.Succeeded);
        Assert.False(result.IsTrue);
    }

    [Fact]
    public void CheckSyntax_ReportsPosition()
    {
        Assert.Null(NCalcExpressionEvaluator.Instance.CheckSyntax("a.b == 'c'", ExpressionDialect.Expr));
        Assert.Contains("position", NCalcExpressionEvaluator.Instance.CheckSyntax("a ==", ExpressionDialect.Expr), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("toJson({b: 1, a: 'x'})", "{\"a\":\"x\",\"b\":1}")]
    [InlineData("toJson({})", "{}")]
    [InlineData("map([[3, 4], [5, 6]], {#[1]})", "[4,6]")]
    [InlineData("map([1, 2], {# * 10})[1]", "20")]
    [InlineData("fromJson('{\"a\": {\"b\": 7}}').a.b", "7")]
    [InlineData("map([{n: 1}, {n: 2}], {#.n})", "[1,2]")]
    public void Evaluate_MapLiteralsAndComputedIndexing_AsExprLang(string expression, string expected)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, ExpressionDialect.Expr, new Dictionary<string, string>());

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }
}
