using Durango.Core.Expressions;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class SmallRulesTests
{
    [Theory]
    [InlineData("wf", null, "wf")]
    [InlineData("wf[0]", "wf", "[0]")]
    [InlineData("wf[0].step1", "wf", "step1")]
    [InlineData("wf.A", "wf", "A")]
    [InlineData("wf[0].a[1].b", "wf[0].a", "b")]
    [InlineData("wf[0].step-1.hooks.success", "wf", "step-1.hooks.success")]
    [InlineData("wf.onExit", null, "wf.onExit")]
    public void DisplayName_TrimsTheBoundaryAsArgo(string name, string? boundary, string expected) =>
        Assert.Equal(expected, NodeNames.DisplayName(name, boundary));

    [Theory]
    [InlineData("heads == heads", true, null)]
    [InlineData("{{x}} == tails", false, null)]
    [InlineData("{{missing}} == 1", false, "failed to resolve {{missing}}")]
    [InlineData("1 + 1", false, "expected boolean")]
    public void When_SubstitutesThenEvaluates(string when, bool run, string? error)
    {
        var outcome = WhenCondition.Evaluate(when, new Dictionary<string, string> { ["x"] = "heads" }, NCalcExpressionEvaluator.Instance);

        Assert.Equal(run, outcome.Run);
        if (error is null)
        {
            Assert.Null(outcome.Error);
        }
        else
        {
            Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(NodePhase.Succeeded, null, WorkflowPhase.Succeeded)]
    [InlineData(NodePhase.Succeeded, NodePhase.Failed, WorkflowPhase.Failed)]
    [InlineData(NodePhase.Succeeded, NodePhase.Error, WorkflowPhase.Error)]
    [InlineData(NodePhase.Failed, NodePhase.Succeeded, WorkflowPhase.Failed)]
    [InlineData(NodePhase.Failed, NodePhase.Error, WorkflowPhase.Failed)]
    [InlineData(NodePhase.Error, null, WorkflowPhase.Error)]
    [InlineData(NodePhase.Skipped, null, WorkflowPhase.Succeeded)]
    public void WorkflowOutcome_ExitHandlerOnlyDowngradesSuccess(NodePhase entry, NodePhase? exit, WorkflowPhase expected) =>
        Assert.Equal(expected, WorkflowOutcome.Decide(entry, "entry", exit, "exit", null).Phase);

    [Fact]
    public void WorkflowOutcome_StoppedAndFailed_SaysStopped() =>
        Assert.Equal(ArgoMessages.Stopped, WorkflowOutcome.Decide(NodePhase.Failed, "child failed", null, null, ArgoMessages.Stopped).Message);

    [Fact]
    public void StepGroup_FailureWithoutContinueOn_FailsWithArgoMessage()
    {
        var step = new Durango.Core.Spec.WorkflowStep { Name = "a" };
        var (phase, message) = StepGroupPhase.Assess([new StepOutcome("id-1", NodePhase.Error, step)]);

        Assert.Equal(NodePhase.Failed, phase);
        Assert.Equal("child 'id-1' failed", message);
    }
}
