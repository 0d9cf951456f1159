using System.Text.Json;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Tests.Api;

/// <summary>
/// argo-server's <c>status.nodes[id]</c>: every field Argo shows, under Argo's names, and none of Durango's own
/// bookkeeping (which run of the workflow wrote the record), whatever the engine's record carries.
/// </summary>
public sealed class NodeViewTests
{
    [Fact]
    public void Of_ARetriedRunsRecord_ShowsArgosFieldsAndProgress_NotTheRun()
    {
        var node = new NodeStatus
        {
            Id = "wf-1",
            Name = "wf[0].a",
            DisplayName = "a",
            Type = NodeType.Pod,
            TemplateName = "main",
            Phase = NodePhase.Running,
            BoundaryId = "wf",
            PodIp = "127.0.0.1",
            StartedAt = DateTimeOffset.UnixEpoch,
            Children = ["wf-2"],
            Run = 2,
            Inputs = new NodeInputs([new ParameterValue("p", "v")]),
        };

        var json = JsonSerializer.SerializeToNode(NodeView.Of(node, "0/1"), WorkflowJson.Options)!.AsObject();

        Assert.Equal(
            ["id", "name", "displayName", "type", "templateName", "phase", "boundaryID", "startedAt", "children", "inputs", "podIP", "progress"],
            json.Select(p => p.Key));
        Assert.Equal("0/1", (string?)json["progress"]);
        Assert.Equal("127.0.0.1", (string?)json["podIP"]);
    }

    [Fact]
    public void Deserialize_TheApisJson_ReadsTheView()
    {
        // The CLI's client reads workflows from the API's JSON into the same types.
        var node = new NodeStatus { Id = "wf-1", Name = "wf[0].a", DisplayName = "a", Type = NodeType.Pod, Phase = NodePhase.Succeeded, Run = 1 };
        var json = JsonSerializer.Serialize(NodeView.Of(node, "1/1"), WorkflowJson.Options);

        var read = JsonSerializer.Deserialize<NodeView>(json, WorkflowJson.Options)!;

        Assert.Equal(("wf[0].a", NodePhase.Succeeded, "1/1"), (read.Name, read.Phase, read.Progress));
        Assert.Equal(json, JsonSerializer.Serialize(read, WorkflowJson.Options));
    }

    [Fact]
    public void Of_NoProgress_LeavesItOut()
    {
        var node = new NodeStatus { Id = "wf", Name = "wf", DisplayName = "wf", Type = NodeType.Steps };

        var json = JsonSerializer.SerializeToNode(NodeView.Of(node, progress: null), WorkflowJson.Options)!.AsObject();

        Assert.False(json.ContainsKey("progress"));
        Assert.False(json.ContainsKey("run"));
    }
}
