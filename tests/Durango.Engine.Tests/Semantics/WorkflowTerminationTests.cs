using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class WorkflowTerminationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static NodeStatus Node(string name, NodePhase phase) =>
        new() { Id = name, Name = name, DisplayName = name, Type = NodeType.Pod, Phase = phase, Message = "before" };

    [Fact]
    public void EndUnfinished_OnlyUnfinishedNodes_EndFailedWithArgosMessage()
    {
        var nodes = new[]
        {
            Node("running", NodePhase.Running), Node("pending", NodePhase.Pending), Node("done", NodePhase.Succeeded),
            Node("failed", NodePhase.Failed), Node("skipped", NodePhase.Skipped), Node("omitted", NodePhase.Omitted),
        };

        var ended = WorkflowTermination.EndUnfinished(nodes, Now);

        Assert.Equal(["running", "pending"], ended.Select(n => n.Name));
        Assert.All(ended, n =>
        {
            Assert.Equal(NodePhase.Failed, n.Phase);
            Assert.Equal("Stopped with strategy 'Terminate'", n.Message);
            Assert.Equal(Now, n.FinishedAt);
        });
    }
}
