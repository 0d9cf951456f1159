using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;

namespace Durango.Engine.Tests.Activities;

/// <summary>
/// Durable delivers an activity at least once. On Azure Storage a host sends an episode's messages before it saves the
/// episode, so a host killed in between leaves a leaf's message sent, and the host that takes the orchestration over
/// runs the episode again and sends it again, with a start stamped later. The second delivery must find the node ended
/// and return its record without running the step (ScaleOutTests met an exit handler that ran twice on one host).
/// </summary>
public sealed class RunLeafRedeliveryTests
{
    [Fact]
    public async Task RunAsync_DeliveredAgainWithALaterStart_DoesNotRunTheStepAgain()
    {
        using var leaf = new LeafActivityServices();
        var marks = Path.Combine(leaf.Root, "marks");
        var template = new Template
        {
            Name = "bye",
            Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = ["sh", "-c", $"echo ran >> {marks}; echo done"] }),
        };
        var node = new NodeStatus { Id = "wf-1", Name = "wf.onExit", DisplayName = "wf.onExit", Type = NodeType.Pod, Phase = NodePhase.Running, StartedAt = DateTimeOffset.UtcNow };
        var first = new LeafRunInput("wf", "uid", node, "wf-bye-1", template, null, [node], Stoppable: false);
        var ran = await leaf.RunAsync(first, "wf:exit");

        // The episode run again after the step ended: its clock is later than the node's end.
        var later = node with { StartedAt = DateTimeOffset.UtcNow.AddSeconds(30) };
        var again = first with { Node = later, Pending = [later] };
        var repeated = await leaf.RunAsync(again, "wf:exit");

        Assert.Equal(NodePhase.Succeeded, ran.Phase);
        Assert.Equal(["ran"], await File.ReadAllLinesAsync(marks));
        Assert.Equal((NodePhase.Succeeded, "done", true), (repeated.Phase, repeated.Outputs.Result, repeated.Recorded));
        var stored = await leaf.Nodes.ReadAsync("wf");
        Assert.Equal(NodePhase.Succeeded, stored["wf-1"].Phase);
    }
}
