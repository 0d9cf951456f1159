using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// Which step variables a long steps template carries when it continues as new. Argo reads a step's variables only by
/// the name written in the template (upstream <c>workflow/controller/scope.go</c>, <c>resolveVar</c>: a lookup by the
/// tag's text), so the rule keeps exactly the steps the template names.
/// </summary>
public sealed class StepReferencesTests
{
    private static readonly Dictionary<string, string> Scope = new()
    {
        ["workflow.name"] = "wf",
        ["inputs.parameters.x"] = "1",
        ["steps.a.status"] = "Succeeded",
        ["steps.a.outputs.result"] = "hi",
        ["steps.b.status"] = "Succeeded",
        ["steps.c.id"] = "wf-3",
        ["steps.d.outputs.parameters.p"] = "v",
        ["steps.e.status"] = "Failed",
    };

    private static Template Steps(params WorkflowStep[] steps) => new() { Name = "main", Body = new StepsBody([[.. steps]]) };

    private static WorkflowStep Step(string name, string? argument = null, string? when = null) => new()
    {
        Name = name,
        Template = "t",
        When = when,
        Arguments = argument is null ? Arguments.None : new Arguments { Parameters = [new Parameter { Name = "p", Value = argument }] },
    };

    [Fact]
    public void Retained_OnlyNamedStepsAndEverythingElse()
    {
        var template = Steps(
            Step("x", argument: "{{steps.a.outputs.result}}"),
            Step("y", when: "{{steps.b.status}} == Succeeded"),
            Step("z", argument: "{{= steps['d'].outputs.parameters.p }}"));

        var kept = StepReferences.Retained(template, Scope);

        Assert.Equal(["inputs.parameters.x", "steps.a.outputs.result", "steps.a.status", "steps.b.status", "steps.d.outputs.parameters.p", "workflow.name"], kept.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Retained_NoStepNamed_NoStepVariables()
    {
        var kept = StepReferences.Retained(Steps(Step("x"), Step("y")), Scope);

        Assert.DoesNotContain(kept.Keys, k => k.StartsWith("steps.", StringComparison.Ordinal));
        Assert.Equal("wf", kept["workflow.name"]);
    }

    [Fact]
    public void Retained_OutputsOfTheTemplateCount()
    {
        var template = Steps(Step("x")) with
        {
            Outputs = new Outputs { Parameters = [new Parameter { Name = "o", ValueFrom = new ValueFrom { Parameter = "{{steps.e.status}}" } }] },
        };

        Assert.Contains("steps.e.status", StepReferences.Retained(template, Scope).Keys);
    }

    [Fact]
    public void Retained_DynamicIndex_KeepsEverything()
    {
        var template = Steps(Step("x", argument: "{{= steps[inputs.parameters.which].status }}"));

        Assert.Null(StepReferences.Named(template));
        Assert.Equal(Scope.Count, StepReferences.Retained(template, Scope).Count);
    }

    [Fact]
    public void Retained_NamePrefixOfAnother_NotConfused()
    {
        var scope = new Dictionary<string, string> { ["steps.s1.status"] = "Succeeded", ["steps.s10.status"] = "Succeeded" };

        var kept = StepReferences.Retained(Steps(Step("x", argument: "{{steps.s10.status}}")), scope);

        Assert.Equal(["steps.s10.status"], kept.Keys);
    }
}
