using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class DagPhaseTests
{
    private static DagPlan Plan(params DagTask[] tasks) => DagPlan.For(new DagBody(tasks), new Dictionary<string, string>());

    [Fact]
    public void Assess_OmittedLeafInheritsItsParentsFailure()
    {
        var plan = Plan(new DagTask { Name = "A" }, new DagTask { Name = "B", Depends = "A.Succeeded" });

        Assert.Equal(NodePhase.Failed, DagPhase.Assess(plan, new Dictionary<string, NodePhase> { ["A"] = NodePhase.Failed, ["B"] = NodePhase.Omitted }));
    }

    [Fact]
    public void Assess_FailureHandledByACompletedLeaf_Succeeds()
    {
        var plan = Plan(new DagTask { Name = "A" }, new DagTask { Name = "B", Depends = "A.Failed" });

        Assert.Equal(NodePhase.Succeeded, DagPhase.Assess(plan, new Dictionary<string, NodePhase> { ["A"] = NodePhase.Failed, ["B"] = NodePhase.Succeeded }));
    }

    [Fact]
    public void Assess_FailedLeafWithContinueOn_Succeeds()
    {
        var plan = Plan(new DagTask { Name = "A", ContinueOn = new ContinueOn(true, false) });

        Assert.Equal(NodePhase.Succeeded, DagPhase.Assess(plan, new Dictionary<string, NodePhase> { ["A"] = NodePhase.Failed }));
    }

    [Fact]
    public void Plan_DependenciesWithContinueOn_AllowTheFailure()
    {
        var plan = Plan(new DagTask { Name = "A", ContinueOn = new ContinueOn(true, false) }, new DagTask { Name = "B", Dependencies = ["A"] });

        Assert.True(plan.Depends["B"].Evaluate(new Dictionary<string, DependsTaskState>
        {
            ["A"] = new(NodePhase.Failed, []),
        }));
        Assert.Equal(["B"], plan.Targets);
    }
}
