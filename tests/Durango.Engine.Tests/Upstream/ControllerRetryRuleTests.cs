using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of the <c>processNodeRetries</c> tests of workflow/controller/operator_test.go. Upstream builds a Retry node
/// with fake children and asks what to do next; Durango's rule is the pure <see cref="RetryRules.Decide"/>, asked after
/// attempt <c>n</c> (0-based; upstream's child count is <c>n + 1</c>) ended with a given outcome.
/// </summary>
public sealed class ControllerRetryRuleTests
{
    private static readonly Dictionary<string, string> NoVariables = new();
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Ports TestProcessNodeRetries: limit 2, default policy (OnFailure).
    [Fact]
    public void ProcessNodeRetries_DefaultPolicy_SucceededStops_FailedRetries_ThirdFailureNoMoreRetries()
    {
        var strategy = new RetryStrategy { Limit = "2" };

        Assert.False(Decide(strategy, 1, NodePhase.Succeeded).Retry);
        Assert.True(Decide(strategy, 1, NodePhase.Failed).Retry);
        var last = Decide(strategy, 2, NodePhase.Failed);
        Assert.False(last.Retry);
        Assert.Equal(ArgoMessages.NoMoreRetries, last.Message);
    }

    // Ports TestProcessNodeRetriesOnErrors: policy Always retries an Error until the limit.
    [Fact]
    public void ProcessNodeRetriesOnErrors_Always_ErrorRetriesUntilLimit()
    {
        var strategy = new RetryStrategy { Limit = "2", RetryPolicy = "Always" };

        Assert.False(Decide(strategy, 1, NodePhase.Succeeded).Retry);
        Assert.True(Decide(strategy, 1, NodePhase.Error).Retry);
        var last = Decide(strategy, 2, NodePhase.Error);
        Assert.False(last.Retry);
        Assert.Equal(ArgoMessages.NoMoreRetries, last.Message);
    }

    // Ports TestProcessNodeRetriesOnTransientErrors: an Error with a transient message retries, until the limit.
    [Fact]
    public void ProcessNodeRetriesOnTransientErrors_ErrorRetriesUntilLimit()
    {
        var strategy = new RetryStrategy { Limit = "2", RetryPolicy = "OnTransientError" };

        Assert.False(Decide(strategy, 1, NodePhase.Succeeded).Retry);
        Assert.True(Decide(strategy, 1, NodePhase.Error, "This error is transient").Retry);
        Assert.False(Decide(strategy, 2, NodePhase.Error).Retry);
    }

    // Ports TestProcessNodeRetriesWithBackoff: a succeeded attempt ends the retries whatever the backoff.
    [Fact]
    public void ProcessNodeRetriesWithBackoff_SucceededStops()
    {
        var strategy = new RetryStrategy { Limit = "2", RetryPolicy = "Always", Backoff = new Backoff("10s", "2", "10m") };

        var decision = Decide(strategy, 0, NodePhase.Succeeded);
        Assert.False(decision.Retry);
        Assert.Null(decision.Message);
    }

    // Ports TestProcessNodeRetriesWithExponentialBackoff: 5m, factor 2, cap 11m: waits of 300 s, 600 s, then 660 s.
    [Fact]
    public void ProcessNodeRetriesWithExponentialBackoff_DoublesUpToTheCap()
    {
        var strategy = new RetryStrategy { Limit = "3", RetryPolicy = "Always", Backoff = new Backoff("5m", "2", null) { Cap = "11m" } };

        Assert.Equal(TimeSpan.FromSeconds(300), Decide(strategy, 0, NodePhase.Failed).Delay);
        Assert.Equal(TimeSpan.FromSeconds(600), Decide(strategy, 1, NodePhase.Error).Delay);
        Assert.Equal(TimeSpan.FromSeconds(660), Decide(strategy, 2, NodePhase.Error).Delay);
        Assert.False(Decide(strategy, 3, NodePhase.Succeeded).Retry);
    }

    // Ports TestProcessNodeRetriesBackoffOverflow: after 32 attempts 5s * 2^31 does not overflow; it still waits.
    [Fact]
    public void ProcessNodeRetriesBackoffOverflow_StillRetriesWithAFiniteWait()
    {
        var strategy = new RetryStrategy { Limit = "100", RetryPolicy = "Always", Backoff = new Backoff("5s", "2", null) };

        var decision = Decide(strategy, 31, NodePhase.Failed);
        Assert.True(decision.Retry);
        Assert.True(decision.Delay > TimeSpan.Zero);
    }

    // Ports TestProcessNodeRetriesWithExpression: `expression: "false"` stops with upstream's message; the limit
    // still comes first.
    [Fact]
    public void ProcessNodeRetriesWithExpression_FalseStopsWithItsMessage_LimitFirst()
    {
        var strategy = new RetryStrategy { Limit = "2", RetryPolicy = "Always", Expression = "false" };

        var succeeded = Decide(strategy, 1, NodePhase.Succeeded);
        Assert.False(succeeded.Retry);
        Assert.Null(succeeded.Message);

        var error = Decide(strategy, 1, NodePhase.Error);
        Assert.False(error.Retry);
        Assert.Equal("retryStrategy.expression evaluated to false", error.Message);

        var failed = Decide(strategy, 2, NodePhase.Failed);
        Assert.False(failed.Retry);
        Assert.Equal(ArgoMessages.NoMoreRetries, failed.Message);
    }

    // Ports TestProcessNodeRetriesMessageOrder: the policy before the expression, the limit before the expression.
    [Fact]
    public void ProcessNodeRetriesMessageOrder_PolicyThenLimitThenExpression()
    {
        var always = new RetryStrategy { Limit = "1", RetryPolicy = "Always", Expression = "false" };
        Assert.Null(Decide(always, 0, NodePhase.Succeeded).Message);

        var onFailure = always with { RetryPolicy = "OnFailure" };
        var error = Decide(onFailure, 0, NodePhase.Error);
        Assert.False(error.Retry);
        Assert.Null(error.Message);

        var failed = Decide(onFailure, 0, NodePhase.Failed);
        Assert.False(failed.Retry);
        Assert.Equal("retryStrategy.expression evaluated to false", failed.Message);

        var limit = Decide(onFailure, 1, NodePhase.Failed);
        Assert.False(limit.Retry);
        Assert.Equal(ArgoMessages.NoMoreRetries, limit.Message);
    }

    // Ports TestProcessNodesNoRetryWithError: OnFailure does not retry an Error; the node keeps the attempt's message.
    [Fact]
    public void ProcessNodesNoRetryWithError_OnFailure_ErrorStopsWithItsMessage()
    {
        var strategy = new RetryStrategy { Limit = "2", RetryPolicy = "OnFailure" };

        Assert.False(Decide(strategy, 1, NodePhase.Succeeded).Retry);
        var error = Decide(strategy, 1, NodePhase.Error, "pod deleted");
        Assert.False(error.Retry);
        Assert.Equal("pod deleted", error.Message);
    }

    // Ports TestBackoffMessage: duration 2, factor 2, after the second attempt: a wait of 4 seconds.
    [Fact]
    public void BackoffMessage_SecondAttemptWaitsFourSeconds()
    {
        var strategy = new RetryStrategy { Limit = "10", Backoff = new Backoff("2", "2", "1m") };

        var decision = RetryRules.Decide(strategy, 1, new AttemptOutcome(NodePhase.Failed, "failed with exit code 1", "1", TimeSpan.FromSeconds(2), T0.AddSeconds(7)), T0, NoVariables, NCalcExpressionEvaluator.Instance);
        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(4), decision.Delay);
    }

    // Ports TestMaxDurationOnErroredFirstNode: an errored first attempt well within maxDuration is retried.
    [Fact]
    public void MaxDurationOnErroredFirstNode_Retries()
    {
        var strategy = new RetryStrategy { Limit = "4", RetryPolicy = "Always", Backoff = new Backoff("10", "1", "20m") };

        var decision = RetryRules.Decide(strategy, 0, new AttemptOutcome(NodePhase.Error, null, null, TimeSpan.FromSeconds(1), T0.AddSeconds(1)), T0, NoVariables, NCalcExpressionEvaluator.Instance);
        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(10), decision.Delay);
    }

    // Ports the first half of TestTerminateDAGWithMaxDurationLimitExpiredAndMoreAttempts (dag_test.go): the first
    // attempt started longer than maxDuration ago, so the node fails with "Max duration limit exceeded" though
    // attempts remain; that check comes before the limit and the policy.
    [Fact]
    public void MaxDurationLimitExpired_MoreAttemptsLeft_Fails()
    {
        var strategy = new RetryStrategy { Limit = "10", Backoff = new Backoff("1", null, "5") };

        var decision = RetryRules.Decide(strategy, 2, new AttemptOutcome(NodePhase.Failed, "x", "1", TimeSpan.FromSeconds(1), T0.AddSeconds(6)), T0, NoVariables, NCalcExpressionEvaluator.Instance);
        Assert.False(decision.Retry);
        Assert.Equal("Max duration limit exceeded", decision.Message);
    }

    // Ports TestBuildRetryStrategyLocalScope: the expression sees retries and lastRetry.* (exit code, status,
    // duration in seconds, message).
    [Fact]
    public void BuildRetryStrategyLocalScope_ExpressionSeesRetriesAndLastRetry()
    {
        var strategy = new RetryStrategy
        {
            Limit = "5",
            Expression = "retries == '1' && lastRetry.exitCode == '1' && lastRetry.status == 'Failed' && lastRetry.duration == '6' && lastRetry.message == 'Error (exit code 1)'",
        };

        var decision = RetryRules.Decide(strategy, 1, new AttemptOutcome(NodePhase.Failed, "Error (exit code 1)", "1", TimeSpan.FromSeconds(6), T0.AddSeconds(10)), T0, NoVariables, NCalcExpressionEvaluator.Instance);
        Assert.True(decision.Retry);
    }

    private static RetryDecision Decide(RetryStrategy strategy, int attempt, NodePhase phase, string? message = null) =>
        RetryRules.Decide(strategy, attempt, new AttemptOutcome(phase, message, null, TimeSpan.FromSeconds(1), T0.AddSeconds(attempt + 1)), T0, NoVariables, NCalcExpressionEvaluator.Instance);
}
