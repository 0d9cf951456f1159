using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// What a DAG carries when it continues as new (<see cref="DagProgress"/>): every settled task's state comes back as it
/// was, and of the outbound nodes only those a task yet to start or the end still reads go on.
/// </summary>
public sealed class DagProgressTests
{
    private static readonly NodeStatus DagNode = new() { Id = "wf-1", Name = "wf", DisplayName = "wf", Type = NodeType.Dag, Phase = NodePhase.Running };

    // A → B → D, A → C → D, E → F, B and E → G. Settled: A to E, D a loop with iterations, E a daemon; F and G have not
    // started. D, F and G are the targets.
    private static readonly DagPlan Plan = DagPlan.For(
        new DagBody(
        [
            new DagTask { Name = "A" },
            new DagTask { Name = "B", Dependencies = ["A"] },
            new DagTask { Name = "C", Depends = "A.Failed" },
            new DagTask { Name = "D", Depends = "B && C" },
            new DagTask { Name = "E" },
            new DagTask { Name = "F", Depends = "E.Daemoned" },
            new DagTask { Name = "G", Dependencies = ["B", "E"] },
        ]),
        new Dictionary<string, string>());

    private static readonly Dictionary<string, DependsTaskState> Settled = new(StringComparer.Ordinal)
    {
        ["A"] = new(NodePhase.Succeeded, []),
        ["B"] = new(NodePhase.Failed, []),
        ["C"] = new(NodePhase.Omitted, []),
        ["E"] = new(NodePhase.Running, [], Daemoned: true),
        ["D"] = new(NodePhase.Skipped, [NodePhase.Succeeded, NodePhase.Error]),
    };

    private static NodeOutbound Outbound(string name) => new([name + ".last"], ["id-" + name]);

    [Fact]
    public void States_ComeBackAsSettled_WithTheIterationsAndDaemonsApart()
    {
        var progress = DagProgress.Of(DagNode, Plan, Settled, new Dictionary<string, NodeOutbound>(), new Dictionary<string, Dictionary<string, string>>(), [], new Dictionary<string, string>());

        // A character per task, in the DAG's order: F and G have not settled.
        Assert.Equal(7, progress.Phases.Length);
        Assert.Equal([false, false, false, false, false, true, true], progress.Phases.Select(c => c == DagProgress.Unsettled));
        Assert.Equal(["D", "E"], progress.Detailed.Keys.Order());
        var states = progress.States(Plan);
        Assert.Equal(Settled.Keys.Order(), states.Keys.Order());
        foreach (var (name, state) in Settled)
        {
            Assert.Equal(state.Phase, states[name].Phase);
            Assert.Equal(state.ChildPhases, states[name].ChildPhases);
            Assert.Equal(state.Daemoned, states[name].Daemoned);
        }
    }

    [Fact]
    public void Outbound_KeepsOnlyWhatAnUnstartedTaskOrTheEndReads()
    {
        var outbound = Settled.Keys.ToDictionary(n => n, Outbound, StringComparer.Ordinal);

        var progress = DagProgress.Of(DagNode, Plan, Settled, outbound, new Dictionary<string, Dictionary<string, string>>(), [], new Dictionary<string, string>());

        // B and E: G, unstarted, hangs from them; D: a target. A and C: only D and B hung from them, and both settled.
        Assert.Equal(["B", "D", "E"], progress.Outbound.Keys.Order());
        Assert.Equal(Outbound("B").Names, progress.Outbound["B"].Names);
        Assert.Equal(Outbound("B").Resolved, progress.Outbound["B"].Resolved);
    }

}
