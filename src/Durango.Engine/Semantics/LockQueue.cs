using Durango.Engine.Locks;

namespace Durango.Engine.Semantics;

/// <summary>What one request did to a lock: its new state, who now holds it that did not, and who was queued.</summary>
/// <param name="State">The lock after the request.</param>
/// <param name="Granted">Holders that got the lock by this request (they are told).</param>
/// <param name="Queued">The asker, when it must wait (it is told Argo's message).</param>
public sealed record LockStep(LockState State, IReadOnlyList<LockHolder> Granted, LockHolder? Queued = null);

/// <summary>
/// A lock's holders and fair queue, as Argo's priority semaphore keeps them (upstream
/// <c>workflow/sync/semaphore.go</c>, and <c>multi_throttler.go</c>'s <c>priorityQueue.Less</c>): at most
/// <see cref="LockState.Limit"/> holders; waiters are served by higher <c>spec.priority</c> first, then earlier
/// workflow creation, then arrival. A holder asking again keeps its hold.
/// </summary>
public static class LockQueue
{
    /// <summary>The lock after <paramref name="request"/> (an acquire), with its limit taken from the request.</summary>
    public static LockStep Acquire(LockState state, LockRequest request)
    {
        var asker = request.Holder;
        var limited = state with { Limit = Math.Max(1, request.Limit) };
        if (limited.Holders.Any(h => h.Holder == asker.Holder))
        {
            var again = limited.Holders.First(h => h.Holder == asker.Holder) with { ReplyTo = asker.ReplyTo, Ticket = asker.Ticket };
            return new LockStep(limited with { Holders = limited.Holders.Select(h => h.Holder == asker.Holder ? again : h).ToList() }, [again]);
        }

        // A waiter asking again (its acquire sent twice) keeps its place in the queue and is answered on its new ticket.
        var waiting = limited.Waiters.Any(w => w.Holder == asker.Holder)
            ? limited with
            {
                Waiters = limited.Waiters.Select(w => w.Holder == asker.Holder ? w with { ReplyTo = asker.ReplyTo, Ticket = asker.Ticket } : w).ToList(),
            }
            : limited with { Waiters = [.. limited.Waiters, asker with { Seq = limited.Seq + 1 }], Seq = limited.Seq + 1 };
        var step = Grant(waiting);
        return step.Granted.Any(g => g.Holder == asker.Holder) ? step : step with { Queued = asker };
    }

    /// <summary>The lock after <paramref name="holder"/> stops holding it or leaves its queue.</summary>
    public static LockStep Release(LockState state, string holder) =>
        Grant(state with
        {
            Holders = state.Holders.Where(h => h.Holder != holder).ToList(),
            Waiters = state.Waiters.Where(w => w.Holder != holder).ToList(),
        });

    /// <summary>The lock after every hold and wait of the workflows in <paramref name="ended"/> is dropped.</summary>
    public static LockStep Forget(LockState state, IReadOnlyCollection<string> ended) =>
        Grant(state with
        {
            Holders = state.Holders.Where(h => !ended.Contains(h.Workflow)).ToList(),
            Waiters = state.Waiters.Where(w => !ended.Contains(w.Workflow)).ToList(),
        });

    /// <summary>True when nobody holds the lock and nobody waits: its orchestration may end.</summary>
    public static bool IsIdle(LockState state) => state.Holders.Count == 0 && state.Waiters.Count == 0;

    /// <summary>The waiters in the order they are served.</summary>
    public static IEnumerable<LockHolder> Ordered(IEnumerable<LockHolder> waiters) =>
        waiters.OrderByDescending(w => w.Priority).ThenBy(w => w.CreatedAt).ThenBy(w => w.Seq);

    /// <summary>Moves waiters, in queue order, to the holders while there is room.</summary>
    public static LockStep Grant(LockState state)
    {
        var room = state.Limit - state.Holders.Count;
        if (room <= 0 || state.Waiters.Count == 0)
        {
            return new LockStep(state, []);
        }

        var granted = Ordered(state.Waiters).Take(room).ToList();
        return new LockStep(
            state with { Holders = [.. state.Holders, .. granted], Waiters = state.Waiters.Where(w => !granted.Contains(w)).ToList() },
            granted);
    }
}
