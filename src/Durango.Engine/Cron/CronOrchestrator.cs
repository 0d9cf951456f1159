using Durango.Core.Cron;
using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Cron;

/// <summary>
/// The eternal orchestration of one CronWorkflow: waits on a durable timer for the next tick, starts the tick's
/// workflow through <see cref="CronTasks.Tick"/>, and continues as new, so its history stays a few events long.
/// Because the timer is durable, a tick survives a restart; a tick whose time passed while no host ran is started
/// when the orchestration next runs if <see cref="CronRules.MayStart"/> allows it (Argo's <c>startingDeadlineSeconds</c>).
/// Updates, suspend, resume and delete arrive as <see cref="CronTasks.SignalEvent"/>.
/// </summary>
/// <remarks>Deterministic: time comes from the context; schedules are parsed from the input on every replay.</remarks>
public sealed class CronOrchestrator : TaskOrchestrator<CronRunInput, string?>
{
    /// <summary>The longest one timer waits before the orchestration continues as new and looks again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(12);

    private static readonly TaskOptions TickRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <inheritdoc/>
    public override async Task<string?> RunAsync(TaskOrchestrationContext context, CronRunInput input)
    {
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var state = input.State;
        var schedule = Parse(input.Policy, out var invalid);
        var after = Max(state.Since, state.LastScheduled);
        var active = schedule is not null && !input.Policy.Suspend && !state.Stopped;
        if (active && CronRules.Due(schedule!, after, now) is { } due)
        {
            state = await TickAsync(context, input, due, now);
            if (state is null)
            {
                return "deleted";
            }

            context.ContinueAsNew(input with { State = state }, preserveUnprocessedEvents: true);
            return null;
        }

        var next = active ? schedule!.Next(Max(after, now)) : null;
        context.SetCustomStatus(new CronStatusSummary(state.LastScheduled, next, state.Stopped, state.LastWorkflow, invalid ?? state.LastError));
        using var cancel = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<CronSignal>(CronTasks.SignalEvent, cancel.Token);
        if (next is { } tick)
        {
            var wake = tick - now > MaxWait ? now + MaxWait : tick;
            var timer = context.CreateTimer(wake.UtcDateTime, cancel.Token);
            if (await Task.WhenAny(signal, timer) == timer)
            {
                // The wait for a signal is still pending, and Durable Task gives an event to a pending wait before it
                // keeps the event for the next execution: a signal arriving in this episode is passed on to it.
                context.ContinueAsNew(input with { State = state }, preserveUnprocessedEvents: true);
                _ = PassOnAsync(context, signal);
                return null;
            }

            cancel.Cancel();
        }

        var received = await signal;
        if (received.Kind == CronSignalKind.Delete || received.Policy is null)
        {
            return "deleted";
        }

        // As Argo: a changed schedule (or a resume) does not run the ticks that passed before it.
        var updated = input with { Policy = received.Policy, State = state with { Since = Max(now, state.Since), Stopped = false, LastError = null } };
        context.ContinueAsNew(updated, preserveUnprocessedEvents: true);
        return null;
    }

    private static async Task PassOnAsync(TaskOrchestrationContext context, Task<CronSignal> signal) =>
        NextExecution.PassOn(context, CronTasks.SignalEvent, await signal);

    private static async Task<CronState?> TickAsync(TaskOrchestrationContext context, CronRunInput input, DateTimeOffset due, DateTimeOffset now)
    {
        var state = input.State with { LastScheduled = due };
        if (!CronRules.MayStart(due, now, input.Policy.StartingDeadlineSeconds))
        {
            var deadline = input.Policy.StartingDeadlineSeconds is { } seconds ? $"startingDeadlineSeconds ({seconds})" : "no startingDeadlineSeconds";
            return state with { LastError = $"missed the tick of {CronRules.ScheduledTimeText(due)}: {(now - due).TotalSeconds:0} s late, past {deadline}" };
        }

        try
        {
            var result = await context.CallActivityAsync<CronTickResult>(CronTasks.Tick, new CronTick(input.Namespace, input.Name, due, input.State.LastScheduled), TickRetry);
            return result.Gone ? null : state with { Stopped = result.Stopped, LastWorkflow = result.Workflow ?? state.LastWorkflow, LastError = result.Skipped };
        }
        catch (TaskFailedException e)
        {
            return state with { LastError = $"the tick of {CronRules.ScheduledTimeText(due)} failed: {e.FailureDetails.ErrorMessage}" };
        }
    }

    private static CronSchedule? Parse(CronPolicy policy, out string? error)
    {
        try
        {
            error = null;
            return CronSchedule.Parse(policy.Schedules, policy.Timezone);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } value && value > a ? value : a;
}
