namespace Durango.Core.Spec;

/// <summary>
/// Argo's <c>synchronization</c> of a workflow or a template: the mutexes and semaphores it must hold while it runs.
/// The v3.6 lists (<c>mutexes</c>, <c>semaphores</c>) and the older singular forms (<c>mutex</c>, <c>semaphore</c>)
/// load into the same lists.
/// </summary>
public sealed record Synchronization
{
    /// <summary>Mutexes: at most one holder each.</summary>
    public IReadOnlyList<MutexRef> Mutexes { get; init; } = [];

    /// <summary>Semaphores: at most their configured limit of holders each.</summary>
    public IReadOnlyList<SemaphoreRef> Semaphores { get; init; } = [];
}

/// <summary>A mutex by name; <paramref name="Namespace"/> defaults to the workflow's.</summary>
/// <param name="Name">The mutex's name.</param>
/// <param name="Namespace">The namespace it lives in, if not the workflow's.</param>
public sealed record MutexRef(string Name, string? Namespace = null);

/// <summary>A semaphore whose limit is the value of a ConfigMap key (in Durango: configuration).</summary>
/// <param name="ConfigMapKeyRef">The ConfigMap key that holds the limit.</param>
/// <param name="Namespace">The namespace it lives in, if not the workflow's.</param>
public sealed record SemaphoreRef(ConfigMapKeyRef ConfigMapKeyRef, string? Namespace = null);

/// <summary>A key of a ConfigMap: <c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c> in Durango's configuration.</summary>
/// <param name="Name">The ConfigMap's name.</param>
/// <param name="Key">The key in it.</param>
/// <param name="Optional">True: a missing key is no error.</param>
public sealed record ConfigMapKeyRef(string Name, string Key, bool Optional = false);
