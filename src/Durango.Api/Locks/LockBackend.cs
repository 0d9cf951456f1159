using Durango.Engine.Executors;
using Durango.Engine.Locks;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Api.Locks;

/// <summary>
/// The engine's <see cref="ILockBackend"/> for hosts that register their <see cref="DurableTaskClient"/> as a service
/// (the embedded host; resolved when an activity runs, so a host without one can still build the activity), and the
/// same work as static methods for the Functions app's lock functions, which get their client from a
/// <c>[DurableClient]</c> binding.
/// </summary>
public sealed class LockBackend(IServiceProvider services, IConfigMapStore configMaps) : ILockBackend
{
    /// <inheritdoc/>
    public Task<LockOpenResult> OpenAsync(LockOpenInput input, CancellationToken cancellationToken = default) =>
        OpenAsync(services.GetRequiredService<DurableTaskClient>(), configMaps, input, cancellationToken);

    /// <inheritdoc/>
    public Task<List<string>> EndedAsync(IReadOnlyList<string> workflows, CancellationToken cancellationToken = default) =>
        EndedAsync(services.GetRequiredService<DurableTaskClient>(), workflows, cancellationToken);

    private static readonly string[] LiveStatuses = ["Pending", "Running", "ContinuedAsNew", "Suspended"];

    private static readonly SemaphoreSlim Starting = new(1, 1);

    /// <summary>
    /// Reads each lock's limit and starts the lock's orchestration unless one runs. Two hosts opening the same lock
    /// at once both end with the one orchestration: creation is refused while an instance is live (dedupe).
    /// </summary>
    public static async Task<LockOpenResult> OpenAsync(DurableTaskClient client, IConfigMapStore configMaps, LockOpenInput input, CancellationToken cancellationToken = default)
    {
        var limits = new List<int>();
        foreach (var lockRef in input.Locks)
        {
            var (limit, error) = SynchronizationRules.Limit(lockRef,
                lockRef.ConfigMap is { } c ? configMaps.SemaphoreLimit(c.Name, c.Key) : null,
                lockRef.ConfigMap is { } m ? configMaps.Get(m.Name, m.Key) : null);
            if (error is not null)
            {
                return new LockOpenResult([], error);
            }

            limits.Add(limit);
        }

        for (var i = 0; i < input.Locks.Count; i++)
        {
            await EnsureRunningAsync(client, input.Locks[i].Key, limits[i], cancellationToken).ConfigureAwait(false);
        }

        return new LockOpenResult(limits);
    }

    /// <summary>Which of <paramref name="workflows"/> have ended or no longer exist.</summary>
    public static async Task<List<string>> EndedAsync(DurableTaskClient client, IReadOnlyList<string> workflows, CancellationToken cancellationToken = default)
    {
        var ended = new List<string>();
        foreach (var workflow in workflows)
        {
            var metadata = await client.GetInstancesAsync(workflow, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (metadata is null || metadata.IsCompleted)
            {
                ended.Add(workflow);
            }
        }

        return ended;
    }

    private static async Task EnsureRunningAsync(DurableTaskClient client, string key, int limit, CancellationToken cancellationToken)
    {
        var instanceId = SynchronizationRules.InstanceId(key);
        if (await IsLiveAsync(client, instanceId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // On this host, one opener at a time looks again and starts it; across hosts the dedupe refuses a second start.
        await Starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await IsLiveAsync(client, instanceId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await client.ScheduleNewOrchestrationInstanceAsync(
                LockTasks.Orchestrator, new LockState(key, limit, [], []),
                new StartOrchestrationOptions(instanceId) { DedupeStatuses = LiveStatuses }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another host started it between the look and the start: that one is the lock.
            if (!await IsLiveAsync(client, instanceId, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
        finally
        {
            Starting.Release();
        }
    }

    private static async Task<bool> IsLiveAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { IsCompleted: false };
}
