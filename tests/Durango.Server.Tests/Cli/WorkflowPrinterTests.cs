using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Cli;

namespace Durango.Server.Tests.Cli;

/// <summary>
/// The tree <c>durango get</c>/<c>run</c> prints, over upstream's graph: a steps node's only child is its first group and
/// each later group hangs under the nodes the group before it ended with (<c>steps.go</c>); like upstream's printer
/// (<c>cmd/argo/commands/common/get.go</c>, <c>convertToRenderTrees</c>, which places a group by its boundary), each
/// group is printed once, in order, as the steps it holds.
/// </summary>
public sealed class WorkflowPrinterTests
{
    [Fact]
    public void Render_UpstreamStepsGraph_EachGroupOnceInOrder()
    {
        var at = DateTimeOffset.UnixEpoch;
        NodeView Node(string id, NodeType type, string? boundary, NodePhase phase, params string[] children) => NodeView.Of(new NodeStatus
        {
            Id = id,
            Name = id,
            DisplayName = id.Contains('.', StringComparison.Ordinal) ? id[(id.LastIndexOf('.') + 1)..] : id,
            Type = type,
            BoundaryId = boundary,
            Phase = phase,
            StartedAt = at,
            FinishedAt = at,
            Children = children,
        }, progress: null);
        var nodes = new[]
        {
            Node("wf", NodeType.Steps, null, NodePhase.Succeeded, "wf[0]"),
            Node("wf[0]", NodeType.StepGroup, "wf", NodePhase.Succeeded, "wf[0].a", "wf[0].b"),
            Node("wf[0].a", NodeType.Pod, "wf", NodePhase.Succeeded, "wf[1]"),
            Node("wf[0].b", NodeType.Retry, "wf", NodePhase.Succeeded, "wf[0].b(0)", "wf[0].b(1)"),
            Node("wf[0].b(0)", NodeType.Pod, "wf", NodePhase.Failed),
            Node("wf[0].b(1)", NodeType.Pod, "wf", NodePhase.Succeeded, "wf[1]"),
            Node("wf[1]", NodeType.StepGroup, "wf", NodePhase.Succeeded, "wf[1].n"),
            Node("wf[1].n", NodeType.Steps, "wf", NodePhase.Succeeded, "wf[1].n[0]"),
            Node("wf[1].n[0]", NodeType.StepGroup, "wf[1].n", NodePhase.Succeeded, "wf[1].n[0].n1"),
            Node("wf[1].n[0].n1", NodeType.Pod, "wf[1].n", NodePhase.Succeeded, "wf[1].n[1]"),
            Node("wf[1].n[1]", NodeType.StepGroup, "wf[1].n", NodePhase.Succeeded, "wf[1].n[1].n2"),
            Node("wf[1].n[1].n2", NodeType.Pod, "wf[1].n", NodePhase.Succeeded, "wf[2]"),
            Node("wf[2]", NodeType.StepGroup, "wf", NodePhase.Succeeded, "wf[2].z"),
            Node("wf[2].z", NodeType.Pod, "wf", NodePhase.Succeeded),
        };
        var view = new WorkflowView(
            new WorkflowMetadataView("wf", "default", "uid", at, new Dictionary<string, string>(), new Dictionary<string, string>()),
            null,
            new WorkflowStatusView { Phase = WorkflowPhase.Succeeded, Nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal) });

        var text = WorkflowPrinter.Render(view, at);

        var rows = text.Split('\n').SkipWhile(l => !l.StartsWith("STEP", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split("  ")[0]).ToList();
        Assert.Equal([" ✔ wf", " ├─✔ a", " ├─✔ b", " │ ├─✖ b(0)", " │ └─✔ b(1)", " ├─✔ n", " │ ├─✔ n1", " │ └─✔ n2", " └─✔ z"], rows);
    }
}
