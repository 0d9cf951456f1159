using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

public class DependsExpressionTests
{
    private static DependsTaskState State(string phase, params string[] children) => new(phase, children);

    private static bool Eval(string depends, Dictionary<string, DependsTaskState> states)
    {
        var parsed = DependsExpression.TryParse(depends, out var error);
        Assert.Null(error);
        return parsed!.Evaluate(states);
    }

    [Theory]
    [InlineData("Succeeded", true)]
    [InlineData("Skipped", true)]
    [InlineData("Failed", false)]
    [InlineData("Error", false)]
    [InlineData("Omitted", false)]
    public void Evaluate_BareTask_MeansSucceededOrSkipped(string phase, bool expected) =>
        Assert.Equal(expected, Eval("task-a", new() { ["task-a"] = State(phase) }));

    [Theory]
    [InlineData("A.Succeeded", "Succeeded", true)]
    [InlineData("A.Failed", "Failed", true)]
    [InlineData("A.Errored", "Error", true)]
    [InlineData("A.Skipped", "Skipped", true)]
    [InlineData("A.Omitted", "Omitted", true)]
    [InlineData("A.Daemoned", "Succeeded", false)]
    [InlineData("A.Failed", "Succeeded", false)]
    public void Evaluate_Results_MatchPhases(string depends, string phase, bool expected) =>
        Assert.Equal(expected, Eval(depends, new() { ["A"] = State(phase) }));

    [Fact]
    public void Evaluate_LoopResults_LookAtIterations()
    {
        var states = new Dictionary<string, DependsTaskState> { ["L"] = State("Failed", "Failed", "Succeeded") };

        Assert.True(Eval("L.AnySucceeded", states));
        Assert.False(Eval("L.AllFailed", states));
        Assert.True(Eval("L.AllFailed", new() { ["L"] = State("Failed", "Failed", "Failed") }));
    }

    [Fact]
    public void Evaluate_Logic_CombinesOperands()
    {
        var states = new Dictionary<string, DependsTaskState>
        {
            ["A"] = State("Succeeded"),
            ["B"] = State("Failed"),
            ["C-1"] = State("Succeeded"),
        };

        Assert.True(Eval("A && (B.Failed || C-1)", states));
        Assert.False(Eval("A && !B.Failed", states));
        Assert.True(Eval("(A.Failed || B.Failed) && C-1.Succeeded", states));
    }

    [Fact]
    public void TryParse_ListsTasksInOrder()
    {
        var parsed = DependsExpression.TryParse("b.Failed || (a && b)", out _);

        Assert.Equal(["b", "a"], parsed!.Tasks);
    }

    [Theory]
    [InlineData("A.Bogus", "unknown result 'Bogus'")]
    [InlineData("A &&", "expected a value")]
    [InlineData("A & B", "unexpected '&'")]
    public void TryParse_Invalid_SaysWhy(string depends, string expected)
    {
        Assert.Null(DependsExpression.TryParse(depends, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDependencies_Empty_AlwaysReady() =>
        Assert.True(DependsExpression.FromDependencies([]).Evaluate(new Dictionary<string, DependsTaskState>()));
}
