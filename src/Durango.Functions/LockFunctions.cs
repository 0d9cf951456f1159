using Durango.Api.Locks;
using Durango.Engine.Executors;
using Durango.Engine.Locks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Durango.Functions;

/// <summary>
/// The lock activities (<see cref="LockTasks.Open"/>, <see cref="LockTasks.Ended"/>) in the Functions app: the
/// Functions host hands a <see cref="DurableTaskClient"/> only to a function that binds one, so they run here as
/// function-based activities with <c>[DurableClient]</c>, instead of the engine's class-based ones that the embedded
/// host registers; both call the same <see cref="LockBackend"/>.
/// </summary>
public sealed class LockFunctions(IConfigMapStore configMaps, Engine.DurangoOptions options)
{
    /// <summary>Reads the locks' limits and starts their orchestrations.</summary>
    [Function(LockTasks.Open)]
    public async Task<LockOpenResult> OpenAsync([ActivityTrigger] LockOpenInput input, [DurableClient] DurableTaskClient client) =>
        (await LockBackend.OpenAsync(client, configMaps, input).ConfigureAwait(false)) with { ResendAfter = options.LockResendInterval };

    /// <summary>Which holders' workflows have ended.</summary>
    [Function(LockTasks.Ended)]
    public static Task<List<string>> EndedAsync([ActivityTrigger] List<string> workflows, [DurableClient] DurableTaskClient client) =>
        LockBackend.EndedAsync(client, workflows);
}
