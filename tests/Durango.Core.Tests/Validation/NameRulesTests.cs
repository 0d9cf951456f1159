using Durango.Core.Diagnostics;

namespace Durango.Core.Tests.Validation;

public class NameRulesTests
{
    [Theory]
    [InlineData("\"abc\\n\"")]
    [InlineData("\"abc\\r\\n\"")]
    [InlineData("\"-abc\"")]
    [InlineData("\"ab c\"")]
    public void Lint_StepNameNotWellFormed_IsBadName(string name)
    {
        var errors = Specs.Errors(Specs.Workflow($$"""
            - name: main
              steps:
              - - {name: {{name}}, template: t}
            - name: t
              container: {image: alpine}
            """));

        var error = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.BadName, error.Code);
        Assert.Equal("spec.templates[0].steps[0][0].name", error.Path);
    }

    [Fact]
    public void Lint_TemplateNameWithTrailingNewline_IsBadName()
    {
        var errors = Specs.Errors(Specs.Workflow("""
            - name: "main\n"
              container: {image: alpine}
            """, entrypoint: "\"main\\n\""));

        Assert.Contains(errors, e => e.Code == DiagnosticCodes.BadName && e.Path == "spec.templates[0].name");
    }

    [Fact]
    public void Lint_WellFormedNames_AreAccepted()
    {
        var errors = Specs.Errors(Specs.Workflow("""
            - name: main
              steps:
              - - {name: step_1-a, template: t}
            - name: t
              container: {image: alpine}
            """));

        Assert.Empty(errors);
    }
}
