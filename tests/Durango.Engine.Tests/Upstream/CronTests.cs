using Durango.Core.Cron;
using Durango.Core.Validation;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of upstream's workflow/cron/operator_test.go. Upstream's tests sleep to the next :30 of a minute and read the
/// wall clock; here "now" is a fixed instant at :30, and the rule (<see cref="CronRules.Due"/> for the latest missed
/// tick, <see cref="CronRules.MayStart"/> for <c>startingDeadlineSeconds</c>) is asked what
/// <c>shouldOutstandingWorkflowsBeRun</c> answers. The e2e suite's CronSuite (test/e2e/cron_test.go) runs on
/// <c>durango serve</c> in the Server tests (CronServeTests, CronRestartTests).
/// </summary>
public class CronTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 10, 0, 30, TimeSpan.Zero);

    /// <summary>The tick <c>shouldOutstandingWorkflowsBeRun</c> would start now, or null.</summary>
    private static DateTimeOffset? Outstanding(CronSchedule schedule, DateTimeOffset lastScheduled, long? startingDeadlineSeconds) =>
        CronRules.Due(schedule, lastScheduled, Now) is { } due && CronRules.MayStart(due, Now, startingDeadlineSeconds) ? due : null;

    // Ports TestRunOutstandingWorkflows and TestRunOutstandingWorkflowsWithMultipleSchedules: last run a minute ago,
    // now 30 s past the minute; with startingDeadlineSeconds 35 the tick of the last minute mark runs, with 25 it does
    // not; the same in Pacific/Niue.
    [Theory]
    [InlineData(null)]
    [InlineData("Pacific/Niue")]
    public void RunOutstandingWorkflows_MissedTickWithinTheDeadline_RunsOnlyThen(string? timezone)
    {
        foreach (var schedules in new[] { new[] { "* * * * *" }, ["* * * * *", "0 * * * *"] })
        {
            var schedule = CronSchedule.Parse(schedules, timezone);
            var lastScheduled = Now.AddMinutes(-1);

            Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 0, 0, TimeSpan.Zero), Outstanding(schedule, lastScheduled, 35));
            Assert.Null(Outstanding(schedule, lastScheduled, 25));
        }
    }

    // Ports TestRunOutstandingWorkflowsAcrossTimezones: a daily schedule at the hour and minute of one minute ago in
    // Pacific/Auckland, with startingDeadlineSeconds 120 and the last run a day ago, runs that tick; the same hour and
    // minute read in another zone (upstream: the machine's; here UTC) is outside the window.
    [Fact]
    public void RunOutstandingWorkflowsAcrossTimezones_DailyTickOneMinuteAgo_RunsOnlyInItsZone()
    {
        var auckland = CronSchedule.ParseZone("Pacific/Auckland")!;
        var minuteAgoThere = TimeZoneInfo.ConvertTime(Now.AddMinutes(-1), auckland);
        var minuteAgoUtc = Now.AddMinutes(-1);
        var lastScheduled = Now.AddDays(-1).AddMinutes(-1);

        var there = CronSchedule.Parse([$"{minuteAgoThere.Minute} {minuteAgoThere.Hour} * * *"], "Pacific/Auckland");
        var elsewhere = CronSchedule.Parse([$"{minuteAgoUtc.Minute} {minuteAgoUtc.Hour} * * *"], "Pacific/Auckland");

        Assert.Equal(new DateTimeOffset(2025, 6, 10, 9, 59, 0, TimeSpan.Zero), Outstanding(there, lastScheduled, 120));
        Assert.Null(Outstanding(elsewhere, lastScheduled, 120));
    }

    // Ports TestMissedScheduleAfterCronScheduleWithForbid: without startingDeadlineSeconds a missed tick never runs.
    [Fact]
    public void MissedScheduleWithoutStartingDeadline_DoesNotRun()
    {
        var schedule = CronSchedule.Parse(["* * * * *"], null);

        Assert.Null(Outstanding(schedule, Now.AddMinutes(-5), null));
    }

    // Ports TestSpecError, TestSpecErrorWithEmptySchedules and TestSpecErrorWithValidAndInvalidSchedules: a
    // CronWorkflow without a schedule, or with a malformed schedule (alone or among valid ones), is a spec error with
    // upstream's words. The reason after "is malformed:" is Cronos', not Go's cron parser's.
    [Theory]
    [InlineData("schedules: [\"10 * * 12737123 *\"]", "cron schedule 10 * * 12737123 * is malformed: ")]
    [InlineData("schedules: []", "cron workflow must have at least one schedule")]
    [InlineData("schedules: [\"* * * * *\", \"10 * * 12737123 *\"]", "cron schedule 10 * * 12737123 * is malformed: ")]
    public void SpecError_NoScheduleOrAMalformedOne_IsAnError(string schedules, string expected)
    {
        var result = WorkflowValidator.Lint($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: hello-world}
            spec:
              {{schedules}}
              startingDeadlineSeconds: 30
              workflowSpec:
                entrypoint: whalesay
                templates:
                - name: whalesay
                  container: {image: docker/whalesay:latest, command: [cowsay], args: ["hello world"]}
            """, "cron.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
    }

    // Ports TestCronWorkflowConditionSubmissionError (a template named "bad template name"): the workflowSpec is
    // validated as a workflow's; the error is at its path (upstream: a SpecError condition, "'bad template name' is invalid").
    [Fact]
    public void SpecError_InvalidWorkflowSpec_IsAnErrorAtItsPath()
    {
        var result = WorkflowValidator.Lint("""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: hello-world}
            spec:
              schedules: ["* * * * *"]
              workflowSpec:
                entrypoint: whalesay
                templates:
                - name: bad template name
                  container: {image: docker/whalesay:latest, command: [cowsay]}
            """, "cron.yaml");

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path.StartsWith("spec.workflowSpec.templates", StringComparison.Ordinal));
    }
}
