namespace Durango.Engine.Locks;

/// <summary>Argo's <c>status.synchronization</c>: the locks a workflow holds and waits for.</summary>
/// <param name="Semaphore">Semaphores, if any.</param>
/// <param name="Mutex">Mutexes, if any.</param>
public sealed record SynchronizationStatus(SemaphoreStatus? Semaphore, MutexStatus? Mutex);

/// <summary>Argo's <c>status.synchronization.semaphore</c>.</summary>
/// <param name="Holding">Semaphores held, with this workflow's holders.</param>
/// <param name="Waiting">Semaphores waited for, with their current holders.</param>
public sealed record SemaphoreStatus(IReadOnlyList<SemaphoreHolding>? Holding, IReadOnlyList<SemaphoreHolding>? Waiting);

/// <summary>One semaphore and holder keys.</summary>
/// <param name="Semaphore">Argo's lock name.</param>
/// <param name="Holders">Holder keys.</param>
public sealed record SemaphoreHolding(string Semaphore, IReadOnlyList<string> Holders);

/// <summary>Argo's <c>status.synchronization.mutex</c>.</summary>
/// <param name="Holding">Mutexes held, with this workflow's holder.</param>
/// <param name="Waiting">Mutexes waited for, with their current holder.</param>
public sealed record MutexStatus(IReadOnlyList<MutexHolding>? Holding, IReadOnlyList<MutexHolding>? Waiting);

/// <summary>One mutex and its holder.</summary>
/// <param name="Mutex">Argo's lock name.</param>
/// <param name="Holder">A holder key.</param>
public sealed record MutexHolding(string Mutex, string Holder);
