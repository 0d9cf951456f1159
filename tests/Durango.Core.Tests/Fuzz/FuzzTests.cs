using Durango.Core.Expressions;
using Durango.Core.Validation;

namespace Durango.Core.Tests.Fuzz;

/// <summary>
/// Malformed and random input, generated from fixed seeds so that a failure reproduces: loading, validation
/// and evaluation must never throw and never hang. Mutants of the whole conformance corpus: <see cref="CorpusFuzzTests"/>.
/// </summary>
public class FuzzTests
{
    private const int RandomExpressions = 3000;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);
    private static readonly string YamlNoise = "{}[]:-,\"'\n\t |>&*!#%@`?~=\\0123abc ";
    private static readonly string[] ExprTokens =
    [
        "a", "steps", "[", "]", "\"step-1\"", ".", "status", "==", "!=", "&&", "||", "!", "(", ")", "?", ":", "??",
        "in", "not", "and", "or", "1", "2.5", "'x'", "\"y\"", "`z`", "asInt(", "jsonpath(", "sprig.upper(", ",",
        "+", "-", "*", "/", "%", "**", "=~", "matches", "true", "nil", "{{", "}}", "=", "{", "}", "#", "$", "\\", "'",
        "\"", "é", "\u0000", " ", "workflow.status", "item", "[1, 2]", ">=", "<",
    ];

    [Fact]
    public async Task Lint_RandomBytes_NeverThrows()
    {
        var random = new Random(7);
        var run = Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var text = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => YamlNoise[random.Next(YamlNoise.Length)]).ToArray());
                WorkflowValidator.Lint(text, "noise.yaml");
            }
        });

        await run.WaitAsync(HangLimit); // a hang fails with TimeoutException
    }

    [Fact]
    public async Task Evaluate_RandomExpressions_NeverThrowNorHang()
    {
        var random = new Random(42);
        var variables = new Dictionary<string, string> { ["a"] = "1", ["steps.step-1.status"] = "Running", ["item"] = "{\"k\":[1]}" };
        var run = Task.Run(() =>
        {
            for (var i = 0; i < RandomExpressions; i++)
            {
                var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => ExprTokens[random.Next(ExprTokens.Length)] + (random.Next(3) == 0 ? " " : string.Empty)));
                _ = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, variables);
                _ = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Govaluate, variables);
                _ = NCalcExpressionEvaluator.Instance.CheckSyntax(text, ExpressionDialect.Expr);
                _ = TemplateTags.Substitute(text, variables);
                _ = DependsExpression.TryParse(text, out _);
            }
        });

        await run.WaitAsync(HangLimit); // a hang fails with TimeoutException
    }

    [Fact]
    public void Evaluate_DeeplyNested_IsErrorNotStackOverflow()
    {
        var text = new string('(', 5000) + "1" + new string(')', 5000);

        var result = NCalcExpressionEvaluator.Instance.Evaluate(text, ExpressionDialect.Expr, new Dictionary<string, string>());

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Lint_DeeplyNestedYaml_IsHandled()
    {
        var text = "kind: Workflow\nspec:\n  templates:\n  - name: a\n    steps:\n    - - name: s\n        template: a\n        withItems: " + new string('[', 3000) + new string(']', 3000) + "\n";

        var result = WorkflowValidator.Lint(text, "deep.yaml");

        Assert.True(result.HasErrors);
    }
}
