using Durango.Core.Expressions;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of the <c>evaluateDependsLogic</c> tests of workflow/controller/dag_test.go. Upstream asks, for a task,
/// whether it may proceed (its dependencies are done) and whether it executes; Durango starts a task once its
/// dependencies are done and asks the pure <see cref="DependsEvaluation.Evaluate"/> whether it executes, which is
/// what these pin.
/// </summary>
public sealed class ControllerDagDependsTests
{
    // Ports TestEvaluateDependsLogic.
    [Fact]
    public void EvaluateDependsLogic_AndOrOverResults()
    {
        var states = new Dictionary<string, DependsTaskState>
        {
            ["A"] = State(NodePhase.Succeeded),
            ["B"] = State(NodePhase.Succeeded),
            ["C"] = State(NodePhase.Failed),
        };

        Assert.True(Executes("A", states));
        Assert.True(Executes("A && (C.Succeeded || C.Failed)", states));
        Assert.True(Executes("B || C", states));
        Assert.False(Executes("B && C", states));

        states["should-execute-2"] = State(NodePhase.Succeeded);
        states["should-not-execute"] = State(NodePhase.Skipped);
        Assert.True(Executes("should-execute-2 || should-not-execute", states));
    }

    // Ports TestEvaluateAnyAllDependsLogic: AnySucceeded and AllFailed look at a loop task's iterations.
    [Fact]
    public void EvaluateAnyAllDependsLogic_LooksAtIterations()
    {
        Assert.False(Executes("A.AnySucceeded", new() { ["A"] = new DependsTaskState(NodePhase.Succeeded, [NodePhase.Running, NodePhase.Running]) }));
        Assert.True(Executes("A.AnySucceeded", new() { ["A"] = new DependsTaskState(NodePhase.Succeeded, [NodePhase.Running, NodePhase.Succeeded]) }));
        Assert.False(Executes("B.AllFailed", new() { ["B"] = new DependsTaskState(NodePhase.Succeeded, [NodePhase.Failed, NodePhase.Running]) }));
        Assert.True(Executes("B.AllFailed", new() { ["B"] = new DependsTaskState(NodePhase.Succeeded, [NodePhase.Failed, NodePhase.Failed]) }));
    }

    // Ports TestEvaluateDependsLogicWhenTaskOmitted.
    [Fact]
    public void EvaluateDependsLogicWhenTaskOmitted_OmittedHolds() =>
        Assert.True(Executes("A.Omitted", new() { ["A"] = State(NodePhase.Omitted) }));

    // Ports TestAllEvaluateDependsLogic: `same.X` executes and `!same.X` does not, for Succeeded, Failed, Skipped.
    [Theory]
    [InlineData("Succeeded", NodePhase.Succeeded)]
    [InlineData("Failed", NodePhase.Failed)]
    [InlineData("Skipped", NodePhase.Skipped)]
    public void AllEvaluateDependsLogic_ResultAndItsNegation(string result, NodePhase phase)
    {
        var states = new Dictionary<string, DependsTaskState> { ["same"] = State(phase) };

        Assert.True(Executes($"same.{result}", states));
        Assert.False(Executes($"!same.{result}", states));
    }

    private static DependsTaskState State(NodePhase phase) => new(phase, []);

    private static bool Executes(string depends, Dictionary<string, DependsTaskState> states)
    {
        var expression = DependsExpression.TryParse(depends, out var error) ?? throw new InvalidOperationException(error);
        return expression.Evaluate(states);
    }
}
