using Durango.Api.Http;
using Durango.Engine.Cron;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Durango.Functions;

/// <summary>
/// The CronWorkflow tick activity (<see cref="CronTasks.Tick"/>) in the Functions app. The Functions host hands a
/// <see cref="DurableTaskClient"/> only to a function that binds one, so the tick runs here, as a function-based
/// activity with <c>[DurableClient]</c>, instead of the engine's class-based <see cref="CronTickActivity"/> that the
/// embedded host registers; both call the same <see cref="Api.Cron.CronService.LaunchAsync"/>.
/// </summary>
public sealed class CronTickFunction(ApiEndpointsFactory api)
{
    /// <summary>Starts one tick's workflow.</summary>
    [Function(CronTasks.Tick)]
    public Task<CronTickResult> RunAsync([ActivityTrigger] CronTick tick, [DurableClient] DurableTaskClient client) =>
        api.Crons(client).LaunchAsync(tick);
}
