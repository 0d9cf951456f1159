using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// Input defaults with <c>{{= }}</c>: evaluated against the globals; one that cannot be evaluated is left as written,
/// as upstream's util/template/expression_template.go leaves an expression whose identifiers are missing (an unknown
/// function's name is one). Lint rejects that case before a run (ParameterExpressionRules).
/// </summary>
public class InputBinderTests
{
    private static readonly Dictionary<string, string> Globals = new() { ["workflow.parameters.name"] = "argo" };

    [Theory]
    [InlineData("{{=sprig.upper(workflow.parameters.name)}}", "ARGO")]
    [InlineData("{{=workflow.parameters.name | upper()}}", "ARGO")]
    [InlineData("{{=toJSON(concat(['a'], ['b']))}}", "[\n  \"a\",\n  \"b\"\n]")]
    [InlineData("{{=nosuch('a')}}", "{{=nosuch('a')}}")]
    public void Bind_DefaultWithExpression_EvaluatesOrLeavesAsWritten(string fallback, string expected)
    {
        var inputs = new Inputs { Parameters = [new Parameter { Name = "x", Default = fallback }] };

        var bound = InputBinder.Bind(inputs, new Dictionary<string, string>(), Globals);

        Assert.Null(bound.Error);
        Assert.Equal(expected, Assert.Single(bound.Parameters).Value);
    }

    // Upstream workflow/common/util.go SubstituteParams: globals first, then inputs, so one input may use another.
    [Fact]
    public void Bind_ValueUsesAnotherInput_SeesThatInputsValue()
    {
        var inputs = new Inputs
        {
            Parameters =
            [
                new Parameter { Name = "enabled", Value = "true" },
                new Parameter { Name = "kinds", Value = "{{= concat(['always'], inputs.parameters.enabled == 'true' ? ['test'] : []) | toJson() }}" },
                new Parameter { Name = "who", Default = "{{inputs.parameters.enabled}}-{{workflow.parameters.name}}" },
            ],
        };

        var bound = InputBinder.Bind(inputs, new Dictionary<string, string>(), Globals);

        Assert.Null(bound.Error);
        Assert.Equal(["true", "[\"always\",\"test\"]", "true-argo"], bound.Parameters.Select(p => p.Value));
    }
}
