using Durango.Core.Cron;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>A workflow a CronWorkflow started, as its rules need it.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Finished">True once it has ended.</param>
/// <param name="Succeeded">True when it ended Succeeded.</param>
/// <param name="FinishedAt">When it ended, if it has.</param>
public sealed record CronChild(string Name, bool Finished, bool Succeeded, DateTimeOffset? FinishedAt);

/// <summary>What a tick does about the workflows its CronWorkflow still runs.</summary>
/// <param name="Start">True: start this tick's workflow.</param>
/// <param name="Terminate">Workflows to terminate first (<c>Replace</c>).</param>
/// <param name="Reason">Why the tick starts nothing, when it does not.</param>
public sealed record ConcurrencyDecision(bool Start, IReadOnlyList<string> Terminate, string? Reason);

/// <summary>
/// Argo's CronWorkflow rules (upstream <c>workflow/cron/operator.go</c>) as pure functions: which tick is due, whether
/// a late one may still start, what the concurrency policy does, which finished workflows the history limits drop,
/// and what the started workflow is called.
/// </summary>
public static class CronRules
{
    /// <summary>
    /// How late a tick may fire and still count as on time without <c>startingDeadlineSeconds</c>: a durable timer
    /// fires after its time, by the backend's polling interval or more under load, never exactly on it.
    /// </summary>
    public static readonly TimeSpan OnTimeGrace = TimeSpan.FromSeconds(10);

    /// <summary>Argo's default <c>successfulJobsHistoryLimit</c>.</summary>
    public const int DefaultSuccessfulHistory = 3;

    /// <summary>Argo's default <c>failedJobsHistoryLimit</c>.</summary>
    public const int DefaultFailedHistory = 1;

    /// <summary>The latest tick in (<paramref name="after"/>, <paramref name="now"/>]; earlier missed ticks are skipped, as Argo runs only the latest.</summary>
    public static DateTimeOffset? Due(CronSchedule schedule, DateTimeOffset after, DateTimeOffset now) => schedule.Latest(after, now);

    /// <summary>
    /// Whether a tick scheduled at <paramref name="scheduled"/> may start at <paramref name="now"/>: on time (within
    /// <see cref="OnTimeGrace"/>), or missed but still before <c>scheduled + startingDeadlineSeconds</c> (Argo's
    /// <c>shouldOutstandingWorkflowsBeRun</c>: no deadline, no missed run).
    /// </summary>
    public static bool MayStart(DateTimeOffset scheduled, DateTimeOffset now, long? startingDeadlineSeconds)
    {
        var late = now - scheduled;
        return late <= OnTimeGrace || (startingDeadlineSeconds is { } deadline && late < TimeSpan.FromSeconds(deadline));
    }

    /// <summary>Argo's <c>enforceRuntimePolicy</c> for <paramref name="policy"/> given the workflows still running (<paramref name="active"/>).</summary>
    public static ConcurrencyDecision Concurrency(ConcurrencyPolicy policy, IReadOnlyList<string> active) => policy switch
    {
        _ when active.Count == 0 => new ConcurrencyDecision(true, [], null),
        ConcurrencyPolicy.Forbid => new ConcurrencyDecision(false, [], $"concurrencyPolicy Forbid and {active.Count} workflow(s) still running ({string.Join(", ", active)})"),
        ConcurrencyPolicy.Replace => new ConcurrencyDecision(true, active, null),
        _ => new ConcurrencyDecision(true, [], null),
    };

    /// <summary>
    /// The finished workflows to delete so that at most <paramref name="successfulLimit"/> succeeded and
    /// <paramref name="failedLimit"/> failed ones remain (defaults 3 and 1), the most recently finished kept (Argo's
    /// <c>enforceHistoryLimit</c>).
    /// </summary>
    public static IReadOnlyList<string> Prune(IEnumerable<CronChild> children, int? successfulLimit, int? failedLimit)
    {
        var finished = children.Where(c => c.Finished).ToList();
        return Oldest(finished.Where(c => c.Succeeded), successfulLimit ?? DefaultSuccessfulHistory)
            .Concat(Oldest(finished.Where(c => !c.Succeeded), failedLimit ?? DefaultFailedHistory))
            .ToList();
    }

    /// <summary>The name of the workflow a tick starts: <c>{cron}-{unix seconds}</c>, as Argo's <c>getChildWorkflowName</c>; it makes a re-delivered tick start nothing twice.</summary>
    public static string WorkflowName(string cron, DateTimeOffset scheduled) => $"{cron}-{scheduled.ToUnixTimeSeconds()}";

    /// <summary>The scheduled time as the annotation <c>workflows.argoproj.io/scheduled-time</c> and <c>{{workflow.scheduledTime}}</c> carry it (RFC 3339).</summary>
    public static string ScheduledTimeText(DateTimeOffset scheduled) =>
        scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Oldest(IEnumerable<CronChild> children, int keep) =>
        children.OrderByDescending(c => c.FinishedAt ?? DateTimeOffset.MinValue).ThenByDescending(c => c.Name, StringComparer.Ordinal)
            .Skip(Math.Max(0, keep)).Select(c => c.Name);
}
