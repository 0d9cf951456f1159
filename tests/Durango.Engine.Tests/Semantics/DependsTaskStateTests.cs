using Durango.Core.Expressions;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public class DependsTaskStateTests
{
    private static bool Eval(string depends, Dictionary<string, DependsTaskState> states) =>
        DependsExpression.TryParse(depends, out _)!.Evaluate(states);

    private static DependsTaskState State(NodePhase phase, params NodePhase[] children) => new(phase, children);

    [Theory]
    [InlineData(NodePhase.Succeeded, true)]
    [InlineData(NodePhase.Skipped, true)]
    [InlineData(NodePhase.Failed, false)]
    [InlineData(NodePhase.Error, false)]
    [InlineData(NodePhase.Omitted, false)]
    public void Evaluate_BareTask_MeansSucceededOrSkipped(NodePhase phase, bool expected) =>
        Assert.Equal(expected, Eval("task-a", new() { ["task-a"] = State(phase) }));

    [Theory]
    [InlineData("A.Succeeded", NodePhase.Succeeded, true)]
    [InlineData("A.Failed", NodePhase.Failed, true)]
    [InlineData("A.Errored", NodePhase.Error, true)]
    [InlineData("A.Errored", NodePhase.Failed, false)]
    [InlineData("A.Skipped", NodePhase.Skipped, true)]
    [InlineData("A.Omitted", NodePhase.Omitted, true)]
    [InlineData("A.Daemoned", NodePhase.Succeeded, false)]
    [InlineData("A.Failed", NodePhase.Succeeded, false)]
    public void Evaluate_Results_MatchPhases(string depends, NodePhase phase, bool expected) =>
        Assert.Equal(expected, Eval(depends, new() { ["A"] = State(phase) }));

    /// <summary>Upstream dag.go evaluateDependsLogic: a daemoned task is Daemoned (and so satisfies a bare name), not Succeeded.</summary>
    [Theory]
    [InlineData("A.Daemoned", true)]
    [InlineData("A", true)]
    [InlineData("A.Succeeded", false)]
    [InlineData("A.Succeeded || A.Daemoned", true)]
    [InlineData("!A.Daemoned", false)]
    public void Evaluate_DaemonedTask_IsDaemonedNotSucceeded(string depends, bool expected) =>
        Assert.Equal(expected, Eval(depends, new() { ["A"] = new DependsTaskState(NodePhase.Succeeded, [], Daemoned: true) }));

    [Fact]
    public void Evaluate_LoopResults_LookAtIterations()
    {
        var states = new Dictionary<string, DependsTaskState> { ["L"] = State(NodePhase.Failed, NodePhase.Failed, NodePhase.Succeeded) };

        Assert.True(Eval("L.AnySucceeded", states));
        Assert.False(Eval("L.AllFailed", states));
        Assert.True(Eval("L.AllFailed", new() { ["L"] = State(NodePhase.Failed, NodePhase.Failed, NodePhase.Failed) }));
        Assert.False(Eval("L.AllFailed", new() { ["L"] = State(NodePhase.Failed) }));
    }

    [Fact]
    public void Evaluate_Logic_CombinesOperands()
    {
        var states = new Dictionary<string, DependsTaskState>
        {
            ["A"] = State(NodePhase.Succeeded),
            ["B"] = State(NodePhase.Failed),
            ["C-1"] = State(NodePhase.Succeeded),
        };

        Assert.True(Eval("A && (B.Failed || C-1)", states));
        Assert.False(Eval("A && !B.Failed", states));
        Assert.True(Eval("(A.Failed || B.Failed) && C-1.Succeeded", states));
    }
}
