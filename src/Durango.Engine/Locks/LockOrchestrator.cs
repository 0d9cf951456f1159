using Durango.Engine.Orchestration;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Locks;

/// <summary>
/// One mutex or semaphore, as an orchestration on the task hub every host shares (instance id
/// <see cref="SynchronizationRules.InstanceId"/>): it hears acquire and release requests as external events, keeps the
/// holders and the fair queue (<see cref="LockQueue"/>), and tells each waiter when it holds the lock. While someone
/// waits it asks every <see cref="DurangoOptions.LockCheckInterval"/> which holders' workflows have ended (terminated,
/// deleted, failed) and frees their holds, so a hold never outlives its workflow; with holders and no waiters it asks
/// every <see cref="DurangoOptions.LockIdleTimeout"/>. With neither holders nor waiters for
/// <see cref="DurangoOptions.LockIdleTimeout"/> it ends: the next opener starts it again
/// (<see cref="LockTasks.Open"/>), and an acquire that reached it as it ended is sent again by its asker
/// (<c>LockHold</c>), so no request is lost.
/// </summary>
/// <remarks>Deterministic: it reads time and events only through the context. It continues as new after a bounded
/// number of requests and checks, keeping unprocessed events, so its history stays short; it does so only just after
/// handling a request, when no wait for the next one is pending: a pending wait takes an event that arrives in the same
/// episode, and that event would be lost with the execution (Microsoft.DurableTask hands an event to any registered
/// waiter before it buffers it).</remarks>
/// <param name="options">Durango's settings: the check interval and the idle timeout.</param>
public sealed class LockOrchestrator(DurangoOptions options) : TaskOrchestrator<LockState, string?>
{
    private const int RequestsPerExecution = 200;

    private static readonly TaskOptions ActivityOptions = StoreActivityOptions.Retrying;

    /// <inheritdoc/>
    public override async Task<string?> RunAsync(TaskOrchestrationContext context, LockState input)
    {
        var state = input;
        Task<LockRequest>? next = null;
        for (var handled = 1; ; handled++)
        {
            context.SetCustomStatus(Shown(state));
            next ??= context.WaitForExternalEvent<LockRequest>(LockTasks.RequestEvent);
            using var cancel = new CancellationTokenSource();
            var check = context.CreateTimer(LockQueue.IsIdle(state) || state.Waiters.Count == 0 ? options.LockIdleTimeout : options.LockCheckInterval, cancel.Token);
            if (await Task.WhenAny(next, check) == check)
            {
                if (LockQueue.IsIdle(state))
                {
                    return null;
                }

                var workflows = state.Holders.Concat(state.Waiters).Select(h => h.Workflow).Distinct(StringComparer.Ordinal).ToList();
                var ended = await context.CallActivityAsync<List<string>>(LockTasks.Ended, workflows, ActivityOptions);
                state = Tell(context, LockQueue.Forget(state, ended.ToHashSet(StringComparer.Ordinal)));
                continue;
            }

            cancel.Cancel();
            var request = await next;
            next = null;
            state = Tell(context, request.Kind == LockRequestKind.Acquire
                ? LockQueue.Acquire(state, request)
                : LockQueue.Release(state, request.Holder.Holder));
            if (handled >= RequestsPerExecution)
            {
                context.ContinueAsNew(state, preserveUnprocessedEvents: true);
                return null;
            }
        }
    }

    /// <summary>Sends the grants and the queued message of <paramref name="step"/>; returns its state.</summary>
    private static LockState Tell(TaskOrchestrationContext context, LockStep step)
    {
        foreach (var holder in step.Granted)
        {
            context.SendEvent(holder.ReplyTo, LockTasks.ReplyEvent(step.State.Key, holder.Holder, holder.Ticket), new LockReply(true, null));
        }

        if (step.Queued is { } queued)
        {
            var message = SynchronizationRules.WaitingMessage(step.State.Key, step.State.Holders.Count, step.State.Limit);
            context.SendEvent(queued.ReplyTo, LockTasks.ReplyEvent(step.State.Key, queued.Holder, queued.Ticket), new LockReply(false, message));
        }

        return step.State;
    }

    /// <summary>The custom status: the state with at most 100 waiters, so it stays under Durable's 16 KB cap.</summary>
    private static LockState Shown(LockState state) =>
        state.Waiters.Count <= 100 ? state : state with { Waiters = LockQueue.Ordered(state.Waiters).Take(100).ToList() };
}
