using Durango.Engine.Cron;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Api.Cron;

/// <summary>
/// The engine's <see cref="ICronLauncher"/> over <see cref="CronService"/>, for hosts that register their
/// <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> as a service (the embedded host). The service is
/// resolved at the tick, not at construction, so a host without a registered client (Functions, which runs the tick
/// as its own function with a <c>[DurableClient]</c>) can still build the activity.
/// </summary>
public sealed class CronLauncher(IServiceProvider services) : ICronLauncher
{
    /// <inheritdoc/>
    public Task<CronTickResult> LaunchAsync(CronTick tick, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<CronService>().LaunchAsync(tick, cancellationToken);
}
