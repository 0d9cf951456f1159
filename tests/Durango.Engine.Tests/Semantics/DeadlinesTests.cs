using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class DeadlinesTests
{
    private static readonly Dictionary<string, string> Scope = new() { ["inputs.parameters.wait"] = "7s", ["workflow.parameters.ads"] = "30" };

    private static Template Template(string? timeout, string? activeDeadlineSeconds) =>
        new() { Name = "t", Body = new SuspendBody(null), Timeout = timeout, ActiveDeadlineSeconds = activeDeadlineSeconds };

    /// <summary>
    /// Argo's precedence (upstream <c>workflow/controller/workflowpod.go</c>, after <c>checkTemplateTimeout</c> in
    /// <c>workflow/controller/operator.go</c>): the deadline from <c>timeout</c> replaces the pod's
    /// <c>activeDeadlineSeconds</c> whenever it is still ahead (its test, <c>time.Since(deadline) &lt;
    /// activeDeadlineSeconds</c>, holds for any deadline in the future), so <c>timeout</c> wins when set.
    /// </summary>
    [Theory]
    [InlineData("10s", "5", 10)]
    [InlineData("10s", "60", 10)]
    [InlineData(null, "5", 5)]
    [InlineData("10s", null, 10)]
    [InlineData("not-a-duration", "5", 5)]
    public void Limit_TimeoutWhenSet_ElseActiveDeadlineSeconds(string? timeout, string? activeDeadlineSeconds, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Deadlines.Limit(Template(timeout, activeDeadlineSeconds), Scope));

    [Fact]
    public void Limit_NeitherSet_None() => Assert.Null(Deadlines.Limit(Template(null, null), Scope));

    [Fact]
    public void Limit_SubstitutesInTheNodesScope()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Deadlines.Limit(Template("{{inputs.parameters.wait}}", null), Scope));
        Assert.Equal(TimeSpan.FromSeconds(30), Deadlines.Limit(Template(null, "{{workflow.parameters.ads}}"), Scope));
    }

    [Fact]
    public void Sooner_TheEnclosingDeadlineHoldsWhenSooner()
    {
        var early = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var late = early.AddMinutes(1);

        Assert.Equal(early, Deadlines.Sooner(late, early));
        Assert.Equal(early, Deadlines.Sooner(early, late));
        Assert.Equal(early, Deadlines.Sooner(null, early));
        Assert.Equal(early, Deadlines.Sooner(early, null));
        Assert.Null(Deadlines.Sooner(null, null));
    }

    [Fact]
    public void Workflow_ActiveDeadlineSecondsFromTheStart()
    {
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(started.AddSeconds(90), Deadlines.Workflow(90, started));
        Assert.Null(Deadlines.Workflow(null, started));
    }

    // The entry's child orchestration can end on the workflow's deadline before the root's own timer fires (CI met it:
    // the workflow said "child ... failed"); upstream's message is the deadline's either way.
    [Fact]
    public void WorkflowStop_TheStopHeard_ElseAPassedDeadline()
    {
        var due = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("Stopped with strategy 'Stop'", Deadlines.WorkflowStop("Stopped with strategy 'Stop'", due, due.AddSeconds(1)));
        Assert.Equal("Step exceeded its deadline", Deadlines.WorkflowStop(null, due, due));
        Assert.Null(Deadlines.WorkflowStop(null, due, due.AddSeconds(-1)));
        Assert.Null(Deadlines.WorkflowStop(null, null, due));
    }
}
