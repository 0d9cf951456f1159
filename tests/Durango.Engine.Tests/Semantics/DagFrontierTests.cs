using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// Which DAG tasks may start, kept as tasks settle (<see cref="DagFrontier"/>): upstream's <c>executeDAG</c>
/// (workflow/controller/dag.go) starts a task once every dependency it names has completed, in the DAG's task order.
/// </summary>
public sealed class DagFrontierTests
{
    private static DagFrontier Frontier(out DagPlan plan, params DagTask[] tasks)
    {
        plan = DagPlan.For(new DagBody(tasks), new Dictionary<string, string>());
        return new DagFrontier(plan);
    }

    private static List<string> Ready(DagFrontier frontier, DagPlan plan)
    {
        var names = new List<string>();
        for (var place = frontier.NextAfter(-1); place >= 0; place = frontier.NextAfter(place))
        {
            names.Add(plan.Dag.Tasks[place].Name);
        }

        return names;
    }

    [Fact]
    public void ADiamond_OpensAsItsTasksSettle_InTaskOrder()
    {
        // d depends on c and b, both on a; e depends on nothing.
        var frontier = Frontier(out var plan,
            new DagTask { Name = "d", Depends = "c && b" }, new DagTask { Name = "c", Dependencies = ["a"] },
            new DagTask { Name = "b", Depends = "a.Failed || a.Succeeded" }, new DagTask { Name = "a" }, new DagTask { Name = "e" });

        Assert.Equal(["a", "e"], Ready(frontier, plan));
        frontier.Taken(3);
        frontier.Settled("a");
        Assert.Equal(["c", "b", "e"], Ready(frontier, plan));
        frontier.Taken(1);
        frontier.Taken(2);
        frontier.Settled("b");
        Assert.Equal(["e"], Ready(frontier, plan));
        frontier.Settled("b");
        frontier.Settled("c");
        Assert.Equal(["d", "e"], Ready(frontier, plan));
    }

    [Fact]
    public void OnlyNeededTasksOpen_AndAnUnknownDependencyDoesNotHoldATaskBack()
    {
        // With target b, only a and b are needed; b also names "ghost", which is not a task (it is then omitted).
        var plan = DagPlan.For(
            new DagBody([new DagTask { Name = "a" }, new DagTask { Name = "b", Depends = "a && ghost" }, new DagTask { Name = "c" }]) { Target = "b" },
            new Dictionary<string, string>());
        var frontier = new DagFrontier(plan);

        Assert.Equal(["a"], Ready(frontier, plan));
        frontier.Taken(0);
        frontier.Settled("a");
        Assert.Equal(["b"], Ready(frontier, plan));
    }

    [Fact]
    public void NextAfter_FindsOnlyLaterTasks()
    {
        var frontier = Frontier(out _, new DagTask { Name = "a" }, new DagTask { Name = "b" }, new DagTask { Name = "c" });

        Assert.Equal(1, frontier.NextAfter(0));
        Assert.Equal(2, frontier.NextAfter(1));
        Assert.Equal(-1, frontier.NextAfter(2));
    }
}
