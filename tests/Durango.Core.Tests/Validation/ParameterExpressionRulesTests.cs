using Durango.Core.Diagnostics;
using Durango.Core.Validation;

namespace Durango.Core.Tests.Validation;

/// <summary>
/// An unknown function inside <c>{{= }}</c> is a lint error wherever it stands, at its line and column. Upstream
/// rejects these when it compiles the expression (util/template/expression_template.go, tested by
/// util/template/expression_template_test.go); Durango says so before the run.
/// </summary>
public class ParameterExpressionRulesTests
{
    private const string Workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: unknown-fn-
        spec:
          entrypoint: main
          arguments:
            parameters:
              - name: top
                value: "{{=nosuch1('a')}}"
          templates:
            - name: main
              inputs:
                parameters:
                  - name: x
                    default: "{{=nosuch2('a')}}"
              steps:
                - - name: s
                    template: leaf
                    when: "{{=nosuch3(1)}} == true"
                    arguments:
                      parameters:
                        - name: y
                          value: "{{=nosuch4('a')}}"
              outputs:
                parameters:
                  - name: out
                    valueFrom:
                      default: "{{=nosuch5('a')}}"
                      parameter: "{{steps.s.outputs.result}}"
            - name: leaf
              inputs:
                parameters:
                  - name: y
              container:
                image: alpine
                args: ["{{=sprig.nosuch6('a')}}"]
        """;

    [Theory]
    [InlineData("nosuch1", "spec.arguments.parameters[0].value", 10)]
    [InlineData("nosuch2", "spec.templates[0].inputs.parameters[0].default", 16)]
    [InlineData("nosuch3", "spec.templates[0].steps[0][0].when", 20)]
    [InlineData("nosuch4", "spec.templates[0].steps[0][0].arguments.parameters[0].value", 24)]
    [InlineData("nosuch5", "spec.templates[0].outputs.parameters[0].valueFrom.default", 29)]
    [InlineData("sprig.nosuch6", "spec.templates[1].container.args[0]", 37)]
    public void Lint_UnknownFunctionInExpression_IsErrorAtItsLine(string function, string path, int line)
    {
        var result = WorkflowValidator.Lint(Workflow, "wf.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Message.Contains($"unknown function '{function}'", StringComparison.Ordinal));
        Assert.True(error.IsError);
        Assert.Equal(DiagnosticCodes.ExpressionSyntax, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Location?.Line);
        Assert.True(error.Location?.Column > 0);
    }

    [Fact]
    public void Lint_KnownBuiltinsInDefaults_HaveNoErrors()
    {
        var text = Workflow
            .Replace("nosuch1('a')", "toJSON(['a'])", StringComparison.Ordinal)
            .Replace("nosuch2('a')", "'a' | upper()", StringComparison.Ordinal)
            .Replace("nosuch3(1)", "get({a: true}, 'a')", StringComparison.Ordinal)
            .Replace("nosuch4('a')", "concat(['a'], ['b'])", StringComparison.Ordinal)
            .Replace("nosuch5('a')", "fromJSON('1')", StringComparison.Ordinal)
            .Replace("sprig.nosuch6('a')", "inputs.parameters.y", StringComparison.Ordinal);

        var result = WorkflowValidator.Lint(text, "wf.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }
}
