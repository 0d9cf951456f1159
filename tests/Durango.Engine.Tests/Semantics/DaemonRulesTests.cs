using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// <see cref="DaemonRules"/> against upstream workflow/controller/operator.go ("Daemoned pod succeeded. Marking it as
/// failed") and exec_control.go (killDaemonedChildren marks the node Succeeded), with Kubernetes' probe defaults.
/// </summary>
public sealed class DaemonRulesTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(137, "Error (exit code 137)")]
    public void Exited_IsAlwaysFailed(int exitCode, string? message) =>
        Assert.Equal((NodePhase.Failed, message), DaemonRules.Exited(exitCode));

    [Fact]
    public void KilledByItsBoundary_AndDaemonedForSiblings_AreSucceeded()
    {
        Assert.Equal(NodePhase.Succeeded, DaemonRules.KilledByItsBoundary);
        Assert.Equal(NodePhase.Succeeded, DaemonRules.DaemonedForSiblings);
    }

    [Fact]
    public void ProbeTimings_KubernetesDefaults()
    {
        var probe = new Probe { TcpSocket = new TcpSocketProbe("80", null) };

        Assert.Equal(TimeSpan.Zero, DaemonRules.FirstTry(probe));
        Assert.Equal(TimeSpan.Zero, DaemonRules.FirstTry(null));
        Assert.Equal(TimeSpan.FromSeconds(10), DaemonRules.Period(probe));
        Assert.Equal(TimeSpan.FromSeconds(1), DaemonRules.TryTimeout(probe));
        Assert.Equal(TimeSpan.FromSeconds(5), DaemonRules.FirstTry(probe with { InitialDelaySeconds = 5 }));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(302, true)]
    [InlineData(399, true)]
    [InlineData(404, false)]
    [InlineData(503, false)]
    public void IsReady_200To399(int status, bool ready) => Assert.Equal(ready, DaemonRules.IsReady(status));

    [Fact]
    public void Merge_DaemonedClearsWhenTheNodeEnds_PodIpStays()
    {
        var running = new NodeStatus { Id = "n", Name = "wf.s", DisplayName = "s", Type = NodeType.Pod, Phase = NodePhase.Running };
        var daemoned = running with { Daemoned = true, PodIp = "127.0.0.1" };
        var killed = running with { Phase = NodePhase.Succeeded };

        Assert.True(NodeStatusMerge.Merge(running, daemoned).Daemoned);
        var ended = NodeStatusMerge.Merge(NodeStatusMerge.Merge(running, daemoned), killed);
        Assert.Null(ended.Daemoned);
        Assert.Equal("127.0.0.1", ended.PodIp);
    }
}
