using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/progress/updater_test.go against the pure <see cref="WorkflowProgress"/>. Upstream's pods may log a
/// progress of their own (<c>25/50</c>); Durango's are one unit each, so the sums are of units.
/// </summary>
public sealed class ProgressUpdaterTests
{
    // Ports TestUpdater: a succeeded pod is complete, a running pod and a failed HTTP node are not, a succeeded plugin
    // node is; the DAG sums its children and the workflow sums every countable node.
    [Fact]
    public void Updater_LeavesOwnProgress_DagSumsChildren_WorkflowSumsAll()
    {
        var tree = Tree(
            Node("pod-1", NodeType.Pod, NodePhase.Succeeded),
            Node("pod-2", NodeType.Pod, NodePhase.Running),
            Node("http", NodeType.Http, NodePhase.Failed),
            Node("plug", NodeType.Plugin, NodePhase.Succeeded),
            Node("dag", NodeType.Dag, NodePhase.Running, "pod-1", "pod-2", "http", "plug"));

        var (workflow, nodes) = WorkflowProgress.Of(tree);

        Assert.Equal("1/1", nodes["pod-1"].ToString());
        Assert.Equal("0/1", nodes["pod-2"].ToString());
        Assert.Equal("0/1", nodes["http"].ToString());
        Assert.Equal("1/1", nodes["plug"].ToString());
        Assert.Equal("2/4", nodes["dag"].ToString());
        Assert.Equal("2/4", workflow.ToString());
    }

    // Ports Test_executes: which node types have progress of their own (upstream's executable).
    [Theory]
    [InlineData(NodeType.Pod, true)]
    [InlineData(NodeType.Container, true)]
    [InlineData(NodeType.Suspend, true)]
    [InlineData(NodeType.Http, true)]
    [InlineData(NodeType.Plugin, true)]
    [InlineData(NodeType.Steps, false)]
    [InlineData(NodeType.StepGroup, false)]
    [InlineData(NodeType.Dag, false)]
    [InlineData(NodeType.TaskGroup, false)]
    [InlineData(NodeType.Retry, false)]
    [InlineData(NodeType.Skipped, false)]
    public void Executes_NodeTypesWithOwnProgress(NodeType type, bool own) => Assert.Equal(own, type.CountsInProgress());

    // updater.go: Skipped and Omitted count as done; a node reached twice (a DAG's diamond, where a task hangs from two
    // others) is counted once.
    [Fact]
    public void Updater_SkippedAndOmittedDone_SharedDescendantCountedOnce()
    {
        var tree = Tree(
            Node("a", NodeType.Pod, NodePhase.Succeeded, "b", "c"),
            Node("b", NodeType.Pod, NodePhase.Skipped, "d"),
            Node("c", NodeType.Pod, NodePhase.Omitted, "d"),
            Node("d", NodeType.Pod, NodePhase.Failed),
            Node("dag", NodeType.Dag, NodePhase.Failed, "a"));

        var (workflow, nodes) = WorkflowProgress.Of(tree);

        Assert.Equal("3/4", nodes["dag"].ToString());
        Assert.Equal("3/4", workflow.ToString());
    }

    // updater.go sets a summed progress only when it is valid: a steps node with nothing countable below it (its only
    // step was skipped by `when`) has none, and the workflow's is 0/0. A containerSet's pod and its containers each count.
    [Fact]
    public void Updater_NothingCountableBelow_NoProgress_ContainerSetCountsPodAndContainers()
    {
        var skippedOnly = Tree(
            Node("wf", NodeType.Steps, NodePhase.Succeeded, "wf[0]"),
            Node("wf[0]", NodeType.StepGroup, NodePhase.Succeeded, "skipped"),
            Node("skipped", NodeType.Skipped, NodePhase.Skipped));
        var (none, noNodes) = WorkflowProgress.Of(skippedOnly);
        Assert.Equal("0/0", none.ToString());
        Assert.Empty(noNodes);

        var containerSet = Tree(
            Node("wf", NodeType.Steps, NodePhase.Running, "wf[0]"),
            Node("wf[0]", NodeType.StepGroup, NodePhase.Running, "pod"),
            Node("pod", NodeType.Pod, NodePhase.Running, "main-a"),
            Node("main-a", NodeType.Container, NodePhase.Succeeded, "main-b"),
            Node("main-b", NodeType.Container, NodePhase.Running));
        var (workflow, nodes) = WorkflowProgress.Of(containerSet);
        Assert.Equal("1/3", workflow.ToString());
        Assert.Equal("1/3", nodes["wf"].ToString());
        Assert.Equal("0/1", nodes["pod"].ToString());
    }

    // updater.go's sumProgress over upstream's steps graph (steps.go hangs each later group under the steps of the group
    // before it): a group's sum reaches the later groups through its steps, a pod keeps its own, and a step that follows
    // two parallel steps is counted once.
    [Fact]
    public void Updater_StepsGraph_GroupSumsTheGroupsAfterIt()
    {
        var tree = Tree(
            Node("wf", NodeType.Steps, NodePhase.Running, "wf[0]"),
            Node("wf[0]", NodeType.StepGroup, NodePhase.Succeeded, "a", "b"),
            Node("a", NodeType.Pod, NodePhase.Succeeded, "wf[1]"),
            Node("b", NodeType.Pod, NodePhase.Succeeded, "wf[1]"),
            Node("wf[1]", NodeType.StepGroup, NodePhase.Running, "c"),
            Node("c", NodeType.Pod, NodePhase.Running));

        var (workflow, nodes) = WorkflowProgress.Of(tree);

        Assert.Equal("2/3", workflow.ToString());
        Assert.Equal("2/3", nodes["wf"].ToString());
        Assert.Equal("2/3", nodes["wf[0]"].ToString());
        Assert.Equal("1/1", nodes["a"].ToString());
        Assert.Equal("0/1", nodes["wf[1]"].ToString());
    }

    private static Dictionary<string, NodeStatus> Tree(params NodeStatus[] nodes) => nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

    private static NodeStatus Node(string id, NodeType type, NodePhase phase, params string[] children) =>
        new() { Id = id, Name = id, DisplayName = id, Type = type, Phase = phase, Children = children };
}
