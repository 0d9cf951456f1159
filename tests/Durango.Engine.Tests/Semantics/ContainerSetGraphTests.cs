using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// <see cref="ContainerSetGraph"/> against upstream: the emissary waits for each dependency and refuses to run after a
/// failed one (cmd/argoexec/commands/emissary.go), <c>GetRetryStrategy</c> makes <c>retries</c> the back-off steps
/// (pkg/apis/workflow/v1alpha1/container_set_template_types.go), container node names are <c>pod.container</c>
/// (workflow/controller/container_set_template.go).
/// </summary>
public sealed class ContainerSetGraphTests
{
    private static readonly ContainerSetBody Graph = new(
    [
        new ContainerSetMember("a", new ContainerSpec(), []),
        new ContainerSetMember("b", new ContainerSpec(), ["a"]),
        new ContainerSetMember("c", new ContainerSpec(), ["a"]),
        new ContainerSetMember("main", new ContainerSpec(), ["b", "c"]),
    ]);

    private static Dictionary<string, NodePhase> Phases(params (string Name, NodePhase Phase)[] known)
    {
        var phases = Graph.Containers.ToDictionary(c => c.Name, _ => NodePhase.Pending);
        foreach (var (name, phase) in known)
        {
            phases[name] = phase;
        }

        return phases;
    }

    [Fact]
    public void Ready_FollowsDependencies()
    {
        Assert.Equal(["a"], ContainerSetGraph.Ready(Graph, Phases()));
        Assert.Empty(ContainerSetGraph.Ready(Graph, Phases(("a", NodePhase.Running))));
        Assert.Equal(["b", "c"], ContainerSetGraph.Ready(Graph, Phases(("a", NodePhase.Succeeded))));
        Assert.Empty(ContainerSetGraph.Ready(Graph, Phases(("a", NodePhase.Succeeded), ("b", NodePhase.Succeeded), ("c", NodePhase.Running))));
        Assert.Equal(["main"], ContainerSetGraph.Ready(Graph, Phases(("a", NodePhase.Succeeded), ("b", NodePhase.Succeeded), ("c", NodePhase.Succeeded))));
    }

    [Fact]
    public void Blocked_AfterAFailedDependency_WithTheEmissarysMessage()
    {
        var ended = new Dictionary<string, ContainerEnd> { ["a"] = new(NodePhase.Failed, "Error (exit code 2)", 2) };

        var blocked = ContainerSetGraph.Blocked(Graph, ended);

        Assert.Equal(["b", "c"], blocked.Select(b => b.Name));
        Assert.All(blocked, b => Assert.Equal(new ContainerEnd(NodePhase.Failed, "dependency \"a\" exited with non-zero code: 2", 2), b.End));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("0", 1)]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("{{x}}", 1)]
    public void Attempts_AreRetries_AtLeastOne(string? retries, int attempts) =>
        Assert.Equal(attempts, ContainerSetGraph.Attempts(retries is null ? null : new ContainerSetRetry(retries, null)));

    [Fact]
    public void Delay_IsDuration_OrNone()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), ContainerSetGraph.Delay(new ContainerSetRetry("2", "10s")));
        Assert.Equal(TimeSpan.Zero, ContainerSetGraph.Delay(new ContainerSetRetry("2", null)));
    }

    [Fact]
    public void Pod_SucceedsWhenEveryContainerDid_ElseTakesTheFirstFailure()
    {
        var ok = new ContainerEnd(NodePhase.Succeeded, null, 0);
        var all = Graph.Containers.ToDictionary(c => c.Name, _ => ok);
        Assert.Equal(ok, ContainerSetGraph.Pod(Graph, all));

        all["c"] = new ContainerEnd(NodePhase.Failed, "Error (exit code 5)", 5);
        all["main"] = new ContainerEnd(NodePhase.Failed, "dependency \"c\" exited with non-zero code: 5", 5);
        Assert.Equal(all["c"], ContainerSetGraph.Pod(Graph, all));
    }

    // Upstream operator.go podReconciliation: a container that exits 64 (the emissary's own error, as when its command is
    // not in $PATH) is Error; its pod Fails, as a pod whose main container exited non-zero (inferFailedReason), and a
    // container depending on it is told code 64. A container that could not be started at all errors the pod.
    [Fact]
    public void Pod_CommandNotFound_ContainerErrorPodFailed_NotStartedPodError()
    {
        var ok = new ContainerEnd(NodePhase.Succeeded, null, 0);
        var all = Graph.Containers.ToDictionary(c => c.Name, _ => ok);
        all["c"] = ContainerSetGraph.CommandNotFound("executable file not found in $PATH");
        Assert.Equal(NodePhase.Error, all["c"].Phase);
        Assert.Equal(NodePhase.Failed, ContainerSetGraph.Pod(Graph, all).Phase);
        Assert.Equal(64, ContainerSetGraph.Pod(Graph, all).ExitCode);

        all["c"] = new ContainerEnd(NodePhase.Error, "the runtime cannot start it", null);
        Assert.Equal(NodePhase.Error, ContainerSetGraph.Pod(Graph, all).Phase);
    }

    [Fact]
    public void NodeName_IsPodDotContainer() => Assert.Equal("wf.main", ContainerSetGraph.NodeName("wf", "main"));
}
