using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

/// <summary>
/// expr-lang built-ins Argo inherits (upstream util/expr/env/env.go hands expr its whole builtin set, and
/// docs/variables.md says toJson is toJSON without indentation): get, concat, toJSON, fromJSON and the pipe.
/// </summary>
public class ExprBuiltinsTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["inputs.parameters.json"] = "{\"a\":{\"b\":[1,2,3]},\"name\":\"x\"}",
        ["inputs.parameters.list"] = "[\"p\",\"q\"]",
        ["inputs.parameters.name"] = "Hello World",
    };

    private static ExpressionResult Expr(string text, ExpressionLimits? limits = null) =>
        new NCalcExpressionEvaluator(limits ?? ExpressionLimits.Default).Evaluate(text, ExpressionDialect.Expr, Vars);

    [Theory]
    [InlineData("get({a: 1}, 'a')", "1")]
    [InlineData("get({a: 1}, 'missing')", "")]
    [InlineData("get([1, 2, 3], 0)", "1")]
    [InlineData("get([1, 2, 3], -1)", "3")]
    [InlineData("get([1, 2, 3], 7)", "")]
    [InlineData("get(inputs.parameters.json, 'name')", "x")]
    [InlineData("get(get(inputs.parameters.json, 'a'), 'b')", "[1,2,3]")]
    [InlineData("get(inputs.parameters.list, 1)", "q")]
    public void Get_MapOrListOrJsonText_ReturnsEntryOrNil(string expression, string expected)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("concat([1, 2], [3])", "[1,2,3]")]
    [InlineData("concat([1], [], ['a', 'b'])", "[1,\"a\",\"b\"]")]
    [InlineData("concat(inputs.parameters.list, ['r'])", "[\"p\",\"q\",\"r\"]")]
    [InlineData("len(concat([1, 2], [3, 4]))", "4")]
    public void Concat_Arrays_JoinsInOrder(string expression, string expected)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void Concat_NotAnArray_Fails()
    {
        Assert.Contains("cannot concat", Expr("concat([1], 2)").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_ResultOverLimit_FailsNamingTheSetting()
    {
        var result = Expr("concat([1, 2, 3], [4, 5, 6])", new ExpressionLimits { ExpressionResultChars = 5 });

        Assert.Contains("Durango:Limits:ExpressionResultChars", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("toJSON([1, 2])", "[\n  1,\n  2\n]")]
    [InlineData("toJSON({b: 1, a: 'x'})", "{\n  \"a\": \"x\",\n  \"b\": 1\n}")]
    [InlineData("toJSON([])", "[]")]
    [InlineData("toJSON('a<b')", "\"a\\u003cb\"")]
    [InlineData("toJson('a+b & é')", "\"a+b \\u0026 é\"")]
    [InlineData("toJson(fromJSON('{\"z\":1,\"a\":2}'))", "{\"a\":2,\"z\":1}")]
    public void ToJson_Values_WritesAsGoDoes(string expression, string expected)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("fromJSON(inputs.parameters.json).a.b[2]", "3")]
    [InlineData("fromJSON('[1, 2]')[0]", "1")]
    [InlineData("fromJSON('\"s\"')", "s")]
    public void FromJson_Text_ParsesValue(string expression, string expected)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void FromJson_NestedPastDepthLimit_FailsNamingTheSetting()
    {
        var deep = new string('[', 50) + new string(']', 50);
        var result = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionDepth = 10 })
            .Evaluate("fromJSON(item)", ExpressionDialect.Expr, new Dictionary<string, string> { ["item"] = deep });

        Assert.Contains("Durango:Limits:ExpressionDepth", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inputs.parameters.name | lower()", "hello world")]
    [InlineData("inputs.parameters.name | lower() | split(' ') | join('-')", "hello-world")]
    [InlineData("[1, 2] | concat([3])", "[1,2,3]")]
    [InlineData("inputs.parameters.json | get('name')", "x")]
    [InlineData("'x' | upper() == 'X' ? 'yes' : 'no'", "yes")]
    [InlineData("[3, 1] | toJson()", "[3,1]")]
    public void Pipe_LeftIntoFirstArgument_CallsFunction(string expression, string expected)
    {
        var result = Expr(expression);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("'a' | nosuch()", "unknown function 'nosuch'")]
    [InlineData("'a' | 'b'", "expected a function name after '|'")]
    [InlineData("'a' | upper", "expected '('")]
    public void Pipe_Invalid_Fails(string expression, string error)
    {
        Assert.Contains(error, NCalcExpressionEvaluator.Instance.CheckSyntax(expression, ExpressionDialect.Expr), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipe_LongChain_StaysWithinDepthLimit()
    {
        var text = "'a'" + string.Concat(Enumerable.Repeat(" | lower()", 40));
        var result = new NCalcExpressionEvaluator(new ExpressionLimits { ExpressionDepth = 20 })
            .Evaluate(text, ExpressionDialect.Expr, Vars);

        Assert.Contains("Durango:Limits:ExpressionDepth", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipe_InGovaluate_IsASyntaxError()
    {
        Assert.NotNull(NCalcExpressionEvaluator.Instance.CheckSyntax("a | b", ExpressionDialect.Govaluate));
    }

    [Theory]
    [InlineData("'a' ?? 'b' == 'a'", ExpressionDialect.Expr, "true")]
    [InlineData("nil ?? 2 * 3", ExpressionDialect.Expr, "6")]
    [InlineData("missing ?? 'x' + 'y'", ExpressionDialect.Expr, "xy")]
    public void Coalesce_AsExprLang_BindsTighterThanOtherOperators(string expression, ExpressionDialect dialect, string expected)
    {
        var result = NCalcExpressionEvaluator.Instance.Evaluate(expression, dialect, Vars);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Text);
    }
}
