using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Stores;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Activities;

/// <summary>
/// Durable delivers an activity at least once. On Azure Storage a host sends an episode's messages before it saves the
/// episode, so a host killed in between leaves a leaf's message sent, and the host that takes the orchestration over
/// runs the episode again and sends it again, with a start stamped later. The second delivery must find the node ended
/// and return its record without running the step (ScaleOutTests met an exit handler that ran twice on one host).
/// </summary>
public sealed class RunLeafRedeliveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "durango-redelivery-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_DeliveredAgainWithALaterStart_DoesNotRunTheStepAgain()
    {
        Directory.CreateDirectory(_root);
        var marks = Path.Combine(_root, "marks");
        using var services = new ServiceCollection().AddLogging().AddDurangoEngine(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(_root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Durango:ArtifactDirectory"] = Path.Combine(_root, "artifacts"),
        }).Build()).BuildServiceProvider();
        var template = new Template
        {
            Name = "bye",
            Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = ["sh", "-c", $"echo ran >> {marks}; echo done"] }),
        };
        var node = new NodeStatus { Id = "wf-1", Name = "wf.onExit", DisplayName = "wf.onExit", Type = NodeType.Pod, Phase = NodePhase.Running, StartedAt = DateTimeOffset.UtcNow };
        var first = new LeafRunInput("wf", "uid", node, "wf-bye-1", template, null, [node], Stoppable: false);
        var ran = await services.GetRequiredService<RunLeafActivity>().RunAsync(new Context(), first);

        // The episode run again after the step ended: its clock is later than the node's end.
        var later = node with { StartedAt = DateTimeOffset.UtcNow.AddSeconds(30) };
        var again = first with { Node = later, Pending = [later] };
        var repeated = await services.GetRequiredService<RunLeafActivity>().RunAsync(new Context(), again);

        Assert.Equal(NodePhase.Succeeded, ran.Phase);
        Assert.Equal(["ran"], await File.ReadAllLinesAsync(marks));
        Assert.Equal((NodePhase.Succeeded, "done", true), (repeated.Phase, repeated.Outputs.Result, repeated.Recorded));
        var stored = await services.GetRequiredService<INodeStore>().ReadAsync("wf");
        Assert.Equal(NodePhase.Succeeded, stored["wf-1"].Phase);
    }

    private sealed class Context : TaskActivityContext
    {
        public override TaskName Name => new("RunLeaf");

        public override string InstanceId => "wf:exit";
    }
}
