using Durango.Engine.Locks;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>What taking a set of locks came to.</summary>
/// <param name="Taken">The locks now held (all of them when <paramref name="Failure"/> is null).</param>
/// <param name="Failure">Why not all are held: a stop while waiting, or a semaphore without a limit.</param>
/// <param name="Stopped">True when <paramref name="Failure"/> is a stop.</param>
internal sealed record LockOutcome(IReadOnlyList<LockRef> Taken, string? Failure = null, bool Stopped = false);

/// <summary>
/// Takes and gives back locks from orchestration code: opens them (an activity reads their limits and starts their
/// orchestrations), then asks each lock in key order and waits for its grant, telling <c>waiting</c> Argo's message
/// while queued. A stop while waiting gives back what was taken and leaves the queue.
/// </summary>
internal static class LockHold
{
    /// <summary>
    /// A lock answers an acquire once (granted), or twice (queued, then granted); an acquire sent again counts as an
    /// answer too. This bounds the history.
    /// </summary>
    private const int MaxReplies = 16;

    /// <summary>How long an asker waits for the lock's first answer before it opens the lock and asks again.</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(30);

    private static readonly TaskOptions ActivityOptions = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2));

    public static async Task<LockOutcome> AcquireAsync(OrchestrationRun run, IReadOnlyList<LockRef> locks, string holder, Action<string> waiting)
    {
        var context = run.Context;
        var opened = await context.CallActivityAsync<LockOpenResult>(LockTasks.Open, new LockOpenInput(locks), ActivityOptions);
        if (opened.Error is { } error)
        {
            return new LockOutcome([], error);
        }

        // One ticket per acquire: the lock answers on it, so a late answer to an earlier acquire is never taken for this.
        var me = new LockHolder(holder, run.RootInstanceId, context.InstanceId, run.Workflow.Priority, run.Workflow.CreationTimestamp,
            Ticket: context.NewGuid().ToString("N"));
        var taken = new List<LockRef>();
        for (var i = 0; i < locks.Count; i++)
        {
            var lockRef = locks[i];
            var request = new LockRequest(LockRequestKind.Acquire, me, opened.Limits[i]);
            context.SendEvent(Semantics.SynchronizationRules.InstanceId(lockRef.Key), LockTasks.RequestEvent, request);
            var granted = false;
            var answered = false;
            Task<LockReply>? reply = null;
            for (var replies = 0; replies < MaxReplies && !granted; replies++)
            {
                // One waiter until it is answered: events go to waiters in the order they were made, so a waiter made
                // again after a resend would stand behind the abandoned one and never see the answer.
                reply ??= context.WaitForExternalEvent<LockReply>(LockTasks.ReplyEvent(lockRef.Key, holder, me.Ticket));
                using var cancel = new CancellationTokenSource();

                // Until the lock first answers, the acquire may have reached it as it ended idle: open it and ask again.
                var resend = answered ? null : context.CreateTimer(ResendAfter, cancel.Token);
                var first = await Task.WhenAny(resend is null ? new Task[] { reply, run.Control.Stopped } : new Task[] { reply, run.Control.Stopped, resend });
                if (first == resend)
                {
                    await context.CallActivityAsync<LockOpenResult>(LockTasks.Open, new LockOpenInput([lockRef]), ActivityOptions);
                    context.SendEvent(Semantics.SynchronizationRules.InstanceId(lockRef.Key), LockTasks.RequestEvent, request);
                    continue;
                }

                cancel.Cancel();
                if (first != reply)
                {
                    Release(run, [.. taken, lockRef], holder);
                    return new LockOutcome([], run.Control.StopMessage, Stopped: true);
                }

                var answer = await reply;
                reply = null;
                answered = true;
                granted = answer.Granted;
                if (!granted)
                {
                    waiting(answer.Message ?? string.Empty);
                }
            }

            if (!granted)
            {
                Release(run, [.. taken, lockRef], holder);
                return new LockOutcome([], $"lock {lockRef.Key} answered {MaxReplies} times without a grant");
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
