using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// A DAG's plan (<see cref="DagPlan"/>): made once per DAG body unless its <c>target</c> has tags, since the DAG's
/// orchestration asks for it again at every replay.
/// </summary>
public sealed class DagPlanTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void For_TheSameDag_GivesTheSamePlan_AndAnEqualDagItsOwn()
    {
        DagTask[] tasks = [new DagTask { Name = "a" }, new DagTask { Name = "b", Dependencies = ["a"] }];
        var dag = new DagBody(tasks);

        Assert.Same(DagPlan.For(dag, NoVariables), DagPlan.For(dag, new Dictionary<string, string> { ["x"] = "y" }));
        Assert.NotSame(DagPlan.For(dag, NoVariables), DagPlan.For(new DagBody(tasks), NoVariables));
    }

    [Fact]
    public void For_ATargetWithTags_IsResolvedWithEachCallsVariables()
    {
        var dag = new DagBody([new DagTask { Name = "a" }, new DagTask { Name = "b" }]) { Target = "{{inputs.parameters.t}}" };

        Assert.Equal(["a"], DagPlan.For(dag, new Dictionary<string, string> { ["inputs.parameters.t"] = "a" }).Targets);
        Assert.Equal(["b"], DagPlan.For(dag, new Dictionary<string, string> { ["inputs.parameters.t"] = "b" }).Targets);
    }

    [Fact]
    public void Edges_CountOnlyNeededDependencies_OnceEach()
    {
        // With target c: a and c are needed, b is not; c names a twice, and ghost, which is not a task.
        var plan = DagPlan.For(
            new DagBody([new DagTask { Name = "a" }, new DagTask { Name = "b" }, new DagTask { Name = "c", Depends = "a && (a.Succeeded || ghost)" }]) { Target = "c" },
            NoVariables);

        Assert.Equal([0, 0, 1], plan.Waiting);
        Assert.Equal([2], plan.Dependents["a"]);
        Assert.Equal(["a"], plan.Dependents.Keys);
    }
}
