using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Locks;

/// <summary>
/// <see cref="Deadlines.WhilePending"/>: when a node still waiting for its locks fails, as upstream's
/// <c>checkTemplateTimeouts</c> (<c>workflow/controller/operator.go</c>) decides it for a Pending node: from the
/// template's <c>timeout</c> only, counted from the node's start.
/// </summary>
public sealed class PendingTimeoutRuleTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Scope = new() { ["inputs.parameters.message"] = "5s" };

    private static Template Template(string? timeout, string? activeDeadlineSeconds) =>
        new() { Name = "t", Body = new SuspendBody(null), Timeout = timeout, ActiveDeadlineSeconds = activeDeadlineSeconds };

    [Theory]
    [InlineData("10s", null, 10)]
    [InlineData("2m", "5", 120)]
    [InlineData("{{inputs.parameters.message}}", null, 5)]
    public void WhilePending_Timeout_CountsFromTheNodesStart(string timeout, string? activeDeadlineSeconds, double seconds) =>
        Assert.Equal(Started.AddSeconds(seconds), Deadlines.WhilePending(Template(timeout, activeDeadlineSeconds), Scope, Started));

    /// <summary>A pod's <c>activeDeadlineSeconds</c> bounds it once it runs; a node waiting for a lock has no pod yet.</summary>
    [Theory]
    [InlineData(null, "5")]
    [InlineData(null, null)]
    [InlineData("not-a-duration", null)]
    [InlineData("{{inputs.parameters.absent}}", "5")]
    public void WhilePending_NoUsableTimeout_None(string? timeout, string? activeDeadlineSeconds) =>
        Assert.Null(Deadlines.WhilePending(Template(timeout, activeDeadlineSeconds), Scope, Started));
}
