using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// What Argo's retry keeps (upstream <c>workflow/util/util.go</c> <c>FormulateRetryWorkflow</c>) and which run the kept
/// records belong to.
/// </summary>
public sealed class WorkflowRetryTests
{
    private static NodeStatus Node(string name, NodeType type, NodePhase phase, int run = 0) =>
        new() { Id = NodeIds.NodeId("wf", name), Name = name, DisplayName = name, Type = type, Phase = phase, Run = run };

    private static readonly NodeStatus[] Tree =
    [
        Node("wf", NodeType.Steps, NodePhase.Failed),
        Node("wf[0].a", NodeType.Pod, NodePhase.Succeeded),
        Node("wf[1].b", NodeType.Pod, NodePhase.Failed),
        Node("wf.onExit", NodeType.Pod, NodePhase.Succeeded),
    ];

    [Fact]
    public void KeptFor_KeepsSucceededLeavesOnly_AsRecordsOfTheNewRun()
    {
        var kept = WorkflowRetry.KeptFor(2, Tree.Select(n => n with { Run = 1 }), "wf", restart: null);

        var only = Assert.Single(kept);
        Assert.Equal(("wf[0].a", 2), (only.Name, only.Run));
    }

    [Fact]
    public void KeptFor_AKeptNode_ALateRecordOfTheRunBeforeChangesNothing()
    {
        var kept = WorkflowRetry.KeptFor(1, Tree, "wf", restart: null).Single();
        var late = kept with { Run = 0, Phase = NodePhase.Failed, Message = "Stopped with strategy 'Terminate'" };

        Assert.Same(kept, NodeStatusMerge.Merge(kept, late));
    }

    [Fact]
    public void Carry_ANodeOfARetriedWorkflow_IsARecordOfTheNewWorkflowsFirstRun()
    {
        var carried = MemoizedResubmit.Carry(Tree.Select(n => n with { Run = 3 }).ToList(), "wf", "wf-2", DateTimeOffset.UnixEpoch);

        Assert.All(carried.Records.Concat(carried.Reuse.Values), r => Assert.Equal(0, r.Run));
    }
}
