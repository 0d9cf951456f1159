using Durango.Engine.Locks;
using Durango.Engine.Model;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>What taking a set of locks came to.</summary>
/// <param name="Taken">The locks now held (all of them when <paramref name="Failure"/> is null).</param>
/// <param name="Failure">Why not all are held: a stop or a timeout while waiting, or a semaphore without a limit.</param>
/// <param name="Stopped">True when <paramref name="Failure"/> is a stop.</param>
/// <param name="TimedOut">True when <paramref name="Failure"/> is the template's <c>timeout</c> passing while waiting.</param>
internal sealed record LockOutcome(IReadOnlyList<LockRef> Taken, string? Failure = null, bool Stopped = false, bool TimedOut = false);

/// <summary>
/// Takes and gives back locks from orchestration code: opens them (an activity reads their limits and starts their
/// orchestrations), then asks each lock in key order and waits for its grant, telling <c>waiting</c> Argo's message
/// while queued. A stop, or the node's <c>timeout</c>, while waiting gives back what was taken and leaves the queue.
/// </summary>
/// <remarks>
/// Replay: every durable action here (the open activity, the request events, one timer per wait) is made in the same
/// order for the same answers, and the timer of a wait is the sooner of the resend and the timeout, so a node without
/// a <c>timeout</c> makes exactly the actions it made before timeouts were raced.
/// </remarks>
internal static class LockHold
{
    /// <summary>
    /// How many times an acquire is sent without any answer before the lock is taken for gone (bounds the history: a
    /// send is a timer, an activity and an event).
    /// </summary>
    private const int MaxSends = 16;

    /// <summary>
    /// How many answers beyond one per send an asker takes without a grant (a lock answers each acquire once, queued
    /// or granted, and a queued one once more when it grants).
    /// </summary>
    private const int MaxExtraReplies = 8;

    /// <summary>Each turn of a wait is a send or an answer: this bounds the loop (and the history) whatever the lock does.</summary>
    private const int MaxTurns = MaxSends + MaxSends + MaxExtraReplies;

    /// <summary>How long an asker waits for the lock's first answer before it opens the lock and asks again, unless set.</summary>
    public static readonly TimeSpan DefaultResendAfter = TimeSpan.FromSeconds(30);

    private static readonly TaskOptions ActivityOptions = StoreActivityOptions.Retrying;

    /// <summary>
    /// Takes <paramref name="locks"/> for <paramref name="holder"/>; gives up at <paramref name="timeoutAt"/> (when set)
    /// with Argo's <c>timeout</c>, leaving the queue, as upstream fails a node Pending past its template's timeout.
    /// </summary>
    public static async Task<LockOutcome> AcquireAsync(
        OrchestrationRun run, IReadOnlyList<LockRef> locks, string holder, Action<string> waiting, DateTimeOffset? timeoutAt = null)
    {
        var context = run.Context;
        var opened = await context.CallActivityAsync<LockOpenResult>(LockTasks.Open, new LockOpenInput(locks), ActivityOptions);
        if (opened.Error is { } error)
        {
            return new LockOutcome([], error);
        }

        var resendAfter = opened.ResendAfter ?? DefaultResendAfter;

        // One ticket per acquire: the lock answers on it, so a late answer to an earlier acquire is never taken for this.
        var me = new LockHolder(holder, run.RootInstanceId, context.InstanceId, run.Workflow.Priority, run.Workflow.CreationTimestamp,
            Ticket: context.NewGuid().ToString("N"));
        var taken = new List<LockRef>();
        for (var i = 0; i < locks.Count; i++)
        {
            var lockRef = locks[i];
            var request = new LockRequest(LockRequestKind.Acquire, me, opened.Limits[i]);
            context.SendEvent(Semantics.SynchronizationRules.InstanceId(lockRef.Key), LockTasks.RequestEvent, request);
            var sends = 1;
            var replies = 0;
            var answered = false;
            var granted = false;
            Task<LockReply>? reply = null;
            for (var turn = 0; turn < MaxTurns && !granted; turn++)
            {
                // One waiter until it is answered, so an answer never depends on which of several waiters of one name
                // the SDK hands an event to (Microsoft.DurableTask.Worker 1.28: the newest).
                reply ??= context.WaitForExternalEvent<LockReply>(LockTasks.ReplyEvent(lockRef.Key, holder, me.Ticket));
                using var cancel = new CancellationTokenSource();

                // Until the lock first answers, the acquire may have reached it as it ended idle: open it and ask again.
                // One timer: the sooner of that and the timeout.
                DateTimeOffset? resendAt = answered ? null : run.Now + resendAfter;
                var timesOut = timeoutAt is { } t && (resendAt is null || t <= resendAt);
                var timer = (timesOut ? timeoutAt : resendAt) is { } due ? context.CreateTimer(due.UtcDateTime, cancel.Token) : null;
                var first = await Task.WhenAny(timer is null ? new Task[] { reply, run.Control.Stopped } : new Task[] { reply, run.Control.Stopped, timer });
                if (first == timer && !timesOut && sends < MaxSends)
                {
                    await context.CallActivityAsync<LockOpenResult>(LockTasks.Open, new LockOpenInput([lockRef]), ActivityOptions);
                    context.SendEvent(Semantics.SynchronizationRules.InstanceId(lockRef.Key), LockTasks.RequestEvent, request);
                    sends++;
                    continue;
                }

                cancel.Cancel();
                if (first != reply)
                {
                    // Leaving the queue (or the hold, if a grant crossed this): the lock serves the next waiter.
                    Release(run, [.. taken, lockRef], holder);
                    return first == run.Control.Stopped ? new LockOutcome([], run.Control.StopMessage, Stopped: true)
                        : timesOut ? new LockOutcome([], ArgoMessages.Timeout, TimedOut: true)
                        : new LockOutcome([], $"lock {lockRef.Key} did not answer {MaxSends} acquires");
                }

                var answer = await reply;
                reply = null;
                answered = true;
                replies++;
                granted = answer.Granted;
                if (!granted)
                {
                    waiting(answer.Message ?? string.Empty);
                }

                if (!granted && replies >= sends + MaxExtraReplies)
                {
                    break;
                }
            }

            if (!granted)
            {
                Release(run, [.. taken, lockRef], holder);
                return new LockOutcome([], $"lock {lockRef.Key} answered {replies} times without a grant");
            }

            taken.Add(lockRef);
        }

        return new LockOutcome(taken);
    }

    /// <summary>Gives back <paramref name="locks"/> (or leaves their queues); the events go out with this episode.</summary>
    public static void Release(OrchestrationRun run, IEnumerable<LockRef> locks, string holder)
    {
        foreach (var lockRef in locks)
        {
            run.Context.SendEvent(Semantics.SynchronizationRules.InstanceId(lockRef.Key), LockTasks.RequestEvent,
                new LockRequest(LockRequestKind.Release, new LockHolder(holder, run.RootInstanceId, run.Context.InstanceId, 0, default), 0));
        }
    }
}
