using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class RetryRulesTests
{
    private static readonly Dictionary<string, string> NoVariables = new();
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2", 3)]
    [InlineData("0", 1)]
    [InlineData(null, RetryRules.UnboundedAttempts)]
    public void MaxAttempts_LimitCountsRetries(string? limit, int attempts) =>
        Assert.Equal(attempts, RetryRules.MaxAttempts(new RetryStrategy { Limit = limit }, NoVariables));

    [Theory]
    [InlineData(null, NodePhase.Failed, true)]
    [InlineData(null, NodePhase.Error, false)]
    [InlineData("OnError", NodePhase.Error, true)]
    [InlineData("OnError", NodePhase.Failed, false)]
    [InlineData("Always", NodePhase.Error, true)]
    [InlineData("Always", NodePhase.Failed, true)]
    public void PolicyAllows_FollowsArgo(string? policy, NodePhase phase, bool retries) => Assert.Equal(retries, RetryRules.PolicyAllows(policy, phase));

    // Upstream's RetryPolicyActual (TestOperatorRetryExpressionError, ...NoExpr): an expression without a policy is Always.
    [Theory]
    [InlineData(null, null, "OnFailure")]
    [InlineData(null, "true", "Always")]
    [InlineData("OnError", "true", "OnError")]
    public void Policy_DefaultsByExpression(string? policy, string? expression, string expected) =>
        Assert.Equal(expected, RetryRules.Policy(new RetryStrategy { RetryPolicy = policy, Expression = expression }));

    [Fact]
    public void Backoff_GrowsByFactor() =>
        Assert.Equal(TimeSpan.FromSeconds(8), RetryRules.Backoff(new Backoff("2s", "2", null), 2, NoVariables));

    [Fact]
    public void Decide_BackoffPastMaxDuration_Stops()
    {
        var strategy = new RetryStrategy { Limit = "5", Backoff = new Backoff("10s", null, "5s") };
        var decision = RetryRules.Decide(strategy, 0, new AttemptOutcome(NodePhase.Failed, "x", "1", TimeSpan.FromSeconds(1), T0.AddSeconds(1)), T0, NoVariables, NCalcExpressionEvaluator.Instance);

        Assert.False(decision.Retry);
        Assert.Equal("Backoff would exceed max duration limit", decision.Message);
    }

    [Fact]
    public void Decide_LastAttempt_SaysNoMoreRetries()
    {
        var decision = RetryRules.Decide(new RetryStrategy { Limit = "1" }, 1, new AttemptOutcome(NodePhase.Failed, "x", "1", TimeSpan.Zero, T0), T0, NoVariables, NCalcExpressionEvaluator.Instance);

        Assert.False(decision.Retry);
        Assert.Equal(ArgoMessages.NoMoreRetries, decision.Message);
    }
}
