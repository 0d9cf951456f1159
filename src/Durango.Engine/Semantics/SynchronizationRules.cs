using System.Globalization;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Locks;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's names for locks and their holders, its waiting message, and where a semaphore's limit comes from
/// (upstream <c>workflow/sync/lock_name.go</c>, <c>sync_manager.go</c> <c>getHolderKey</c>, <c>semaphore.go</c>).
/// </summary>
public static class SynchronizationRules
{
    /// <summary>
    /// The locks of <paramref name="synchronization"/>, named as Argo names them (<c>ns/Mutex/name</c>,
    /// <c>ns/ConfigMap/name/key</c>; the namespace defaults to the workflow's), without repeats, in key order: every
    /// orchestration takes locks in the same order, so two of them can never each hold what the other waits for.
    /// </summary>
    public static IReadOnlyList<LockRef> Locks(Synchronization? synchronization, string workflowNamespace)
    {
        if (synchronization is null)
        {
            return [];
        }

        var mutexes = synchronization.Mutexes.Select(m => new LockRef($"{m.Namespace ?? workflowNamespace}/Mutex/{m.Name}", null));
        var semaphores = synchronization.Semaphores.Select(s =>
            new LockRef($"{s.Namespace ?? workflowNamespace}/ConfigMap/{s.ConfigMapKeyRef.Name}/{s.ConfigMapKeyRef.Key}", s.ConfigMapKeyRef));
        return mutexes.Concat(semaphores).DistinctBy(l => l.Key).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <paramref name="synchronization"/> with the <c>{{...}}</c> tags of its mutex names and its semaphores' ConfigMap
    /// names and keys replaced from <paramref name="variables"/>, as upstream substitutes the workflow spec with the
    /// globals (<c>operator.go</c> <c>substituteGlobalVariables</c>) and a template with its inputs too
    /// (<c>processedTmpl</c>) before it takes the locks. The first tag that does not resolve is the error.
    /// </summary>
    public static (Synchronization? Synchronization, string? Error) Substitute(Synchronization? synchronization, IReadOnlyDictionary<string, string> variables)
    {
        if (synchronization is null)
        {
            return (null, null);
        }

        string? error = null;
        string Text(string text)
        {
            var result = TemplateTags.Substitute(text, variables);
            if (!result.Complete && error is null)
            {
                error = result.Errors.Count > 0
                    ? $"failed to substitute synchronization '{text}': {result.Errors[0]}"
                    : $"failed to substitute synchronization '{text}': failed to resolve {{{{{result.Unresolved[0]}}}}}";
            }

            return result.Text;
        }

        var substituted = synchronization with
        {
            Mutexes = synchronization.Mutexes.Select(m => m with { Name = Text(m.Name) }).ToList(),
            Semaphores = synchronization.Semaphores.Select(s => s with
            {
                ConfigMapKeyRef = s.ConfigMapKeyRef with { Name = Text(s.ConfigMapKeyRef.Name), Key = Text(s.ConfigMapKeyRef.Key) },
            }).ToList(),
        };
        return error is null ? (substituted, null) : (null, error);
    }

    /// <summary>Argo's holder key: <c>ns/workflow</c> for a workflow-level lock, <c>ns/workflow/nodeId</c> for a node's.</summary>
    public static string HolderKey(string @namespace, string workflow, string? nodeId) =>
        nodeId is null ? $"{@namespace}/{workflow}" : $"{@namespace}/{workflow}/{nodeId}";

    /// <summary>Argo's message while a node or workflow waits: <c>Waiting for KEY lock. Lock status: FREE/LIMIT</c>.</summary>
    public static string WaitingMessage(string key, int holders, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Waiting for {key} lock. Lock status: {Math.Max(0, limit - holders)}/{limit}");

    /// <summary>
    /// The orchestration instance id of lock <paramref name="key"/>: the key escaped (instance ids may not hold
    /// <c>/</c>, <c>#</c>, <c>?</c>), after a prefix no workflow name (DNS-1123) can have.
    /// </summary>
    public static string InstanceId(string key) => "lock:" + Uri.EscapeDataString(key);

    /// <summary>The setting that overrides a semaphore's ConfigMap value: <c>Durango:Semaphores:&lt;name&gt;:&lt;key&gt;</c>.</summary>
    public static string LimitSetting(ConfigMapKeyRef configMap) => $"Durango:Semaphores:{configMap.Name}:{configMap.Key}";

    /// <summary>
    /// The limit of <paramref name="lockRef"/>: 1 for a mutex; for a semaphore the first of
    /// <paramref name="setting"/> (Durango's own) and <paramref name="configMapValue"/> (<c>ConfigMaps:name:key</c>),
    /// which must be a positive integer. Null and an error otherwise: Argo's node waits with "Failed to get semaphore
    /// limit"; Durango fails it with what to set.
    /// </summary>
    public static (int Limit, string? Error) Limit(LockRef lockRef, string? setting, string? configMapValue)
    {
        if (lockRef.ConfigMap is not { } configMap)
        {
            return (1, null);
        }

        var text = setting ?? configMapValue;
        if (text is null)
        {
            return (0, $"semaphore {lockRef.Key} has no limit: set {LimitSetting(configMap)} or ConfigMaps:{configMap.Name}:{configMap.Key} to a positive number in configuration");
        }

        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? (limit, null)
            : (0, $"semaphore {lockRef.Key} has the limit '{text}', which is not a positive number; fix {LimitSetting(configMap)} or ConfigMaps:{configMap.Name}:{configMap.Key}");
    }

    /// <summary>
    /// Argo's <c>status.synchronization</c> of <paramref name="workflow"/> (its root instance id) from the states of the
    /// locks it uses: what its holders hold, and for what it waits, who holds that now (upstream
    /// <c>workflow_types.go</c> <c>SemaphoreStatus</c>/<c>MutexStatus</c> <c>LockAcquired</c>, <c>LockWaiting</c>).
    /// Null when it neither holds nor waits.
    /// </summary>
    public static SynchronizationStatus? Status(string workflow, IEnumerable<(LockRef Lock, LockState State)> locks)
    {
        var semaphoresHeld = new List<SemaphoreHolding>();
        var semaphoresWaited = new List<SemaphoreHolding>();
        var mutexesHeld = new List<MutexHolding>();
        var mutexesWaited = new List<MutexHolding>();
        foreach (var (lockRef, state) in locks)
        {
            var mine = state.Holders.Where(h => h.Workflow == workflow).Select(h => h.Holder).ToList();
            var waits = state.Waiters.Any(w => w.Workflow == workflow);
            var current = state.Holders.Select(h => h.Holder).ToList();
            if (lockRef.IsMutex)
            {
                mutexesHeld.AddRange(mine.Select(h => new MutexHolding(state.Key, h)));
                mutexesWaited.AddRange(waits ? current.Select(h => new MutexHolding(state.Key, h)) : []);
            }
            else
            {
                if (mine.Count > 0)
                {
                    semaphoresHeld.Add(new SemaphoreHolding(state.Key, mine));
                }

                if (waits)
                {
                    semaphoresWaited.Add(new SemaphoreHolding(state.Key, current));
                }
            }
        }

        var semaphore = semaphoresHeld.Count + semaphoresWaited.Count == 0 ? null
            : new SemaphoreStatus(semaphoresHeld.Count == 0 ? null : semaphoresHeld, semaphoresWaited.Count == 0 ? null : semaphoresWaited);
        var mutex = mutexesHeld.Count + mutexesWaited.Count == 0 ? null
            : new MutexStatus(mutexesHeld.Count == 0 ? null : mutexesHeld, mutexesWaited.Count == 0 ? null : mutexesWaited);
        return semaphore is null && mutex is null ? null : new SynchronizationStatus(semaphore, mutex);
    }
}
