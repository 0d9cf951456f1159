using Durango.Core.Cron;
using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// CronWorkflow rules, pinned against upstream <c>workflow/cron/operator.go</c> (<c>shouldOutstandingWorkflowsBeRun</c>,
/// <c>enforceRuntimePolicy</c>, <c>enforceHistoryLimit</c>, <c>getChildWorkflowName</c>) and Cronos' time-zone handling.
/// </summary>
public class CronRulesTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Next_SeveralSchedules_TheEarliestOfThem()
    {
        var schedule = CronSchedule.Parse(["*/3 * * * 1-5", "*/2 * * * *"], null);

        // Saturday 2025-03-08: only */2 applies at weekends.
        Assert.Equal(Utc("2025-03-08T10:02:00Z"), schedule.Next(Utc("2025-03-08T10:00:00Z")));
        // Monday: */3 at :03 comes before */2 at :04.
        Assert.Equal(Utc("2025-03-10T10:03:00Z"), schedule.Next(Utc("2025-03-10T10:02:00Z")));
    }

    [Fact]
    public void Next_InTimeZone_FollowsDaylightSavingTime()
    {
        var schedule = CronSchedule.Parse(["0 9 * * *"], "America/Los_Angeles");

        // 09:00 PST is 17:00 UTC; after the spring-forward of 2025-03-09, 09:00 PDT is 16:00 UTC.
        Assert.Equal(Utc("2025-03-08T17:00:00Z"), schedule.Next(Utc("2025-03-08T12:00:00Z")));
        Assert.Equal(Utc("2025-03-09T16:00:00Z"), schedule.Next(Utc("2025-03-08T18:00:00Z")));
    }

    [Fact]
    public void Next_TimeInTheSpringForwardGap_RunsOnceWhenTheGapEnds()
    {
        var schedule = CronSchedule.Parse(["30 2 * * *"], "America/New_York");

        // 02:30 does not exist on 2025-03-09 in New York: the tick comes at 03:00 EDT (07:00 UTC), once.
        Assert.Equal(Utc("2025-03-09T07:00:00Z"), schedule.Next(Utc("2025-03-09T05:00:00Z")));
        Assert.Equal(Utc("2025-03-10T06:30:00Z"), schedule.Next(Utc("2025-03-09T07:00:00Z")));
    }

    [Fact]
    public void Next_FallBack_ADailyTimeRunsOnce_AnHourlyOneTwice()
    {
        var daily = CronSchedule.Parse(["30 1 * * *"], "America/New_York");
        var hourly = CronSchedule.Parse(["0 * * * *"], "America/New_York");

        // 01:30 happens twice on 2025-11-02 (EDT, then EST): a daily job runs at the first only.
        Assert.Equal(Utc("2025-11-02T05:30:00Z"), daily.Next(Utc("2025-11-02T04:00:00Z")));
        Assert.Equal(Utc("2025-11-03T06:30:00Z"), daily.Next(Utc("2025-11-02T05:30:00Z")));
        // An hourly job runs at 01:00 EDT and again at 01:00 EST.
        Assert.Equal(Utc("2025-11-02T05:00:00Z"), hourly.Next(Utc("2025-11-02T04:30:00Z")));
        Assert.Equal(Utc("2025-11-02T06:00:00Z"), hourly.Next(Utc("2025-11-02T05:00:00Z")));
    }

    [Fact]
    public void Due_AfterDowntime_OnlyTheLatestMissedTick()
    {
        var schedule = CronSchedule.Parse(["*/5 * * * *"], null);

        // As shouldOutstandingWorkflowsBeRun: ticks at :05, :10, :15 were missed; only :15 is considered.
        Assert.Equal(Utc("2025-01-01T00:15:00Z"), CronRules.Due(schedule, Utc("2025-01-01T00:00:00Z"), Utc("2025-01-01T00:17:00Z")));
        Assert.Null(CronRules.Due(schedule, Utc("2025-01-01T00:15:00Z"), Utc("2025-01-01T00:19:59Z")));
    }

    [Theory]
    [InlineData(2, null, true)] // on time
    [InlineData(60, null, false)] // missed, no startingDeadlineSeconds: Argo does not run it
    [InlineData(60, 0L, false)] // the examples' startingDeadlineSeconds: 0
    [InlineData(60, 120L, true)] // within the deadline
    [InlineData(120, 120L, false)] // now.Before(missed + deadline) is false at the deadline itself
    public void MayStart_LateTick_OnlyWithinStartingDeadlineSeconds(int lateSeconds, long? deadline, bool expected)
    {
        var scheduled = Utc("2025-01-01T00:00:00Z");

        Assert.Equal(expected, CronRules.MayStart(scheduled, scheduled.AddSeconds(lateSeconds), deadline));
    }

    [Fact]
    public void Concurrency_FollowsThePolicy()
    {
        Assert.True(CronRules.Concurrency(ConcurrencyPolicy.Forbid, []).Start);
        var forbid = CronRules.Concurrency(ConcurrencyPolicy.Forbid, ["c-1"]);
        Assert.False(forbid.Start);
        Assert.Contains("Forbid", forbid.Reason, StringComparison.Ordinal);
        var replace = CronRules.Concurrency(ConcurrencyPolicy.Replace, ["c-1", "c-2"]);
        Assert.True(replace.Start);
        Assert.Equal(["c-1", "c-2"], replace.Terminate);
        var allow = CronRules.Concurrency(ConcurrencyPolicy.Allow, ["c-1"]);
        Assert.True(allow.Start);
        Assert.Empty(allow.Terminate);
    }

    [Fact]
    public void Prune_KeepsTheNewestWithinEachLimit_DefaultsThreeAndOne()
    {
        var at = Utc("2025-01-01T00:00:00Z");
        var children = Enumerable.Range(1, 5).Select(i => new CronChild($"ok-{i}", true, true, at.AddMinutes(i)))
            .Concat(Enumerable.Range(1, 3).Select(i => new CronChild($"bad-{i}", true, false, at.AddMinutes(i))))
            .Append(new CronChild("running", false, false, null))
            .ToList();

        Assert.Equal(["ok-2", "ok-1", "bad-2", "bad-1"], CronRules.Prune(children, null, null));
        Assert.Equal(["ok-1", "bad-1"], CronRules.Prune(children, 4, 2));
        Assert.Equal(["ok-5", "ok-4", "ok-3", "ok-2", "ok-1"], CronRules.Prune(children.Where(c => c.Succeeded), 0, 0));
    }

    [Fact]
    public void WorkflowName_IsCronNameAndUnixSeconds()
    {
        Assert.Equal("hello-world-1735689600", CronRules.WorkflowName("hello-world", Utc("2025-01-01T00:00:00Z")));
        Assert.Equal("2025-01-01T00:00:00Z", CronRules.ScheduledTimeText(Utc("2025-01-01T00:00:00Z")));
    }
}
