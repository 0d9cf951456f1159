namespace Durango.Engine.Locks;

/// <summary>
/// The durable names of mutexes and semaphores: one eternal orchestration per lock, on the task hub every host shares,
/// so a lock holds across hosts; the activities that open a lock and find holders whose workflow has ended.
/// </summary>
public static class LockTasks
{
    /// <summary>The orchestrator that keeps one lock's holders and queue.</summary>
    public const string Orchestrator = "DurangoLock";

    /// <summary>The activity that reads a lock's limit and starts its orchestration if none runs.</summary>
    public const string Open = "DurangoLockOpen";

    /// <summary>The activity that tells which of a lock's holders and waiters belong to workflows that have ended.</summary>
    public const string Ended = "DurangoLockEnded";

    /// <summary>The external event a lock hears: an acquire or a release.</summary>
    public const string RequestEvent = "DurangoLockRequest";

    /// <summary>
    /// The external event the lock sends to a waiter: queued (with Argo's message) or granted. The asker's ticket (one
    /// per acquire) keeps a late answer to an earlier acquire by the same holder (a retried node) from being taken
    /// for this one.
    /// </summary>
    public static string ReplyEvent(string key, string holder, string? ticket) =>
        ticket is null ? $"DurangoLockReply|{key}|{holder}" : $"DurangoLockReply|{key}|{holder}|{ticket}";
}

/// <summary>A lock an orchestration must hold: Argo's lock name and what sets its limit.</summary>
/// <param name="Key">Argo's lock name: <c>ns/Mutex/name</c> or <c>ns/ConfigMap/name/key</c>.</param>
/// <param name="ConfigMap">A semaphore's ConfigMap key (its limit); null for a mutex (limit 1).</param>
public sealed record LockRef(string Key, Core.Spec.ConfigMapKeyRef? ConfigMap)
{
    /// <summary>True for a mutex.</summary>
    public bool IsMutex => ConfigMap is null;
}

/// <summary>One holder of a lock, or one waiter for it.</summary>
/// <param name="Holder">Argo's holder key: <c>ns/workflow</c> or <c>ns/workflow/nodeId</c>.</param>
/// <param name="Workflow">The workflow (its root instance id): when it has ended, its holds are released.</param>
/// <param name="ReplyTo">The orchestration instance that waits for the grant.</param>
/// <param name="Priority">The workflow's <c>spec.priority</c>: higher goes first.</param>
/// <param name="CreatedAt">The workflow's creation time: earlier goes first among equal priorities.</param>
/// <param name="Seq">Arrival order at the lock, the last tie-breaker.</param>
/// <param name="Ticket">The asker's acquire this entry answers (part of the reply's event name).</param>
public sealed record LockHolder(string Holder, string Workflow, string ReplyTo, int Priority, DateTimeOffset CreatedAt, long Seq = 0, string? Ticket = null);

/// <summary>A lock's state, carried across continue-as-new and shown as its custom status.</summary>
/// <param name="Key">Argo's lock name.</param>
/// <param name="Limit">How many may hold it at once (1 for a mutex; the configured limit of a semaphore).</param>
/// <param name="Holders">Who holds it.</param>
/// <param name="Waiters">Who waits, in arrival order (the queue order is <see cref="Semantics.LockQueue"/>'s).</param>
/// <param name="Seq">The last arrival number given.</param>
public sealed record LockState(string Key, int Limit, IReadOnlyList<LockHolder> Holders, IReadOnlyList<LockHolder> Waiters, long Seq = 0);

/// <summary>What a lock is asked to do.</summary>
public enum LockRequestKind
{
    /// <summary>Hold it, or queue for it.</summary>
    Acquire,

    /// <summary>Stop holding it, or leave its queue.</summary>
    Release,
}

/// <summary>The payload of <see cref="LockTasks.RequestEvent"/>.</summary>
/// <param name="Kind">Acquire or release.</param>
/// <param name="Holder">Who asks.</param>
/// <param name="Limit">The limit as configured now (an acquire applies it, as Argo reads its ConfigMap again).</param>
public sealed record LockRequest(LockRequestKind Kind, LockHolder Holder, int Limit);

/// <summary>The payload of <see cref="LockTasks.ReplyEvent"/>.</summary>
/// <param name="Granted">True: the asker holds the lock now.</param>
/// <param name="Message">Argo's "Waiting for ... lock" when queued.</param>
public sealed record LockReply(bool Granted, string? Message);

/// <summary>The input of <see cref="LockTasks.Open"/>.</summary>
/// <param name="Locks">The locks to open, in the order they are taken.</param>
public sealed record LockOpenInput(IReadOnlyList<LockRef> Locks);

/// <summary>What <see cref="LockTasks.Open"/> found.</summary>
/// <param name="Limits">Each lock's limit, in the order asked.</param>
/// <param name="Error">Why the locks cannot be taken (a semaphore without a configured limit), if so.</param>
/// <param name="ResendAfter">
/// <see cref="DurangoOptions.LockResendInterval"/>, handed to the asking orchestration through its history (so replay
/// sees the value the first run saw); null in results recorded before it existed, which means the default.
/// </param>
public sealed record LockOpenResult(IReadOnlyList<int> Limits, string? Error = null, TimeSpan? ResendAfter = null);
