using Microsoft.DurableTask;

namespace Durango.Engine.Cron;

/// <summary>Starts one tick's workflow through <see cref="ICronLauncher"/>; idempotent, so at-least-once delivery is safe.</summary>
public sealed class CronTickActivity(ICronLauncher launcher) : TaskActivity<CronTick, CronTickResult>
{
    /// <inheritdoc/>
    public override Task<CronTickResult> RunAsync(TaskActivityContext context, CronTick input) => launcher.LaunchAsync(input);
}
