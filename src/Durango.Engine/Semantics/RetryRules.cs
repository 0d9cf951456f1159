using System.Globalization;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>What happened in the last attempt of a retried node: Argo's <c>lastRetry.*</c>.</summary>
public sealed record AttemptOutcome(NodePhase Phase, string? Message, string? ExitCode, TimeSpan Duration, DateTimeOffset FinishedAt);

/// <summary>What to do after an attempt: stop (with the retry node's phase and message) or wait and try again.</summary>
public sealed record RetryDecision(bool Retry, TimeSpan Delay, string? Message);

/// <summary>
/// Argo's <c>retryStrategy</c>: <c>limit</c> counts retries (attempts = limit + 1), <c>retryPolicy</c> picks which
/// phases retry, <c>backoff</c> spaces attempts as <c>duration * factor^n</c> (at most <c>cap</c>) within <c>maxDuration</c>, and
/// <c>expression</c> over <c>lastRetry.*</c> can stop early.
/// </summary>
public static class RetryRules
{
    /// <summary>Attempts allowed when no limit is given; Argo retries forever, Durango bounds the history.</summary>
    public const int UnboundedAttempts = 1000;

    /// <summary>The retry node's message when the first attempt started longer than <c>maxDuration</c> ago.</summary>
    public const string MaxDurationExceeded = "Max duration limit exceeded";

    /// <summary>The retry node's message when waiting for the next attempt would pass <c>maxDuration</c>.</summary>
    public const string BackoffExceedsMaxDuration = "Backoff would exceed max duration limit";

    /// <summary>The retry node's message when <c>expression</c> says not to retry.</summary>
    public const string ExpressionFalse = "retryStrategy.expression evaluated to false";

    /// <summary>The most attempts <paramref name="strategy"/> allows.</summary>
    public static int MaxAttempts(RetryStrategy strategy, IReadOnlyDictionary<string, string> variables)
    {
        if (strategy.Limit is null)
        {
            return UnboundedAttempts;
        }

        var text = TemplateTags.Substitute(strategy.Limit, variables).Text.Trim();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 0
            ? Math.Min(limit, UnboundedAttempts - 1) + 1
            : 1;
    }

    /// <summary>Decides after attempt number <paramref name="attempt"/> (0-based) ended with <paramref name="last"/>.</summary>
    public static RetryDecision Decide(
        RetryStrategy strategy, int attempt, AttemptOutcome last, DateTimeOffset firstStartedAt,
        IReadOnlyDictionary<string, string> variables, IExpressionEvaluator evaluator)
    {
        if (last.Phase is NodePhase.Succeeded or NodePhase.Skipped or NodePhase.Omitted)
        {
            return new RetryDecision(false, TimeSpan.Zero, null);
        }

        // Argo's order (processNodeRetries in workflow/controller/operator.go): the max duration and the backoff
        // first, then the policy, then the limit, then the expression.
        var delay = Backoff(strategy.Backoff, attempt, variables);
        if (strategy.Backoff?.MaxDuration is { } max && ArgoDuration.TryParse(TemplateTags.Substitute(max, variables).Text, out var maxDuration))
        {
            var deadline = firstStartedAt + maxDuration;
            if (last.FinishedAt > deadline)
            {
                return new RetryDecision(false, TimeSpan.Zero, MaxDurationExceeded);
            }

            if (last.FinishedAt + delay > deadline)
            {
                return new RetryDecision(false, TimeSpan.Zero, BackoffExceedsMaxDuration);
            }
        }

        if (!PolicyAllows(Policy(strategy), last.Phase))
        {
            return new RetryDecision(false, TimeSpan.Zero, last.Message);
        }

        if (attempt + 1 >= MaxAttempts(strategy, variables))
        {
            return new RetryDecision(false, TimeSpan.Zero, ArgoMessages.NoMoreRetries);
        }

        if (strategy.Expression is { } expression)
        {
            var scope = new Dictionary<string, string>(variables, StringComparer.Ordinal)
            {
                ["retries"] = attempt.ToString(CultureInfo.InvariantCulture),
                ["lastRetry.exitCode"] = last.ExitCode ?? "-1",
                ["lastRetry.status"] = last.Phase.ToString(),
                ["lastRetry.duration"] = ((long)last.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["lastRetry.message"] = last.Message ?? string.Empty,
            };
            // The template's tags ({{inputs.parameters.x}}) are substituted first, as upstream resolves the template.
            var text = TemplateTags.Substitute(expression, variables).Text;
            if (!evaluator.Evaluate(text, ExpressionDialect.Expr, scope).IsTrue)
            {
                return new RetryDecision(false, TimeSpan.Zero, ExpressionFalse);
            }
        }

        return new RetryDecision(true, delay, null);
    }

    /// <summary>
    /// The policy in force (upstream's <c>RetryPolicyActual</c>): the one given, else <c>Always</c> when there is an
    /// <c>expression</c> (the expression decides), else <c>OnFailure</c>.
    /// </summary>
    public static string Policy(RetryStrategy strategy) =>
        !string.IsNullOrEmpty(strategy.RetryPolicy) ? strategy.RetryPolicy : string.IsNullOrEmpty(strategy.Expression) ? "OnFailure" : "Always";

    /// <summary>True when <paramref name="policy"/> retries a node that ended <paramref name="phase"/>.</summary>
    public static bool PolicyAllows(string? policy, NodePhase phase) => policy switch
    {
        "Always" => phase.FailedOrError(),
        "OnError" or "OnTransientError" => phase == NodePhase.Error,
        _ => phase == NodePhase.Failed,
    };

    /// <summary>The wait before the retry that follows attempt <paramref name="attempt"/>: <c>duration * factor^attempt</c>.</summary>
    public static TimeSpan Backoff(Backoff? backoff, int attempt, IReadOnlyDictionary<string, string> variables)
    {
        if (backoff?.Duration is null || !ArgoDuration.TryParse(TemplateTags.Substitute(backoff.Duration, variables).Text, out var duration))
        {
            return TimeSpan.Zero;
        }

        var factor = backoff.Factor is { } f && double.TryParse(TemplateTags.Substitute(f, variables).Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : 1;
        var seconds = Math.Min(duration.TotalSeconds * Math.Pow(factor, attempt), TimeSpan.FromDays(7).TotalSeconds);
        if (backoff.Cap is { } cap && ArgoDuration.TryParse(TemplateTags.Substitute(cap, variables).Text, out var capDuration))
        {
            seconds = Math.Min(seconds, capDuration.TotalSeconds);
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
