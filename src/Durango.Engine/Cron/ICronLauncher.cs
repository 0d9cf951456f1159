namespace Durango.Engine.Cron;

/// <summary>
/// Starts a tick's workflow. The application layer implements it (it submits workflows, lists and prunes them); the
/// engine only calls it from <see cref="CronTickActivity"/>, so layers keep pointing one way.
/// </summary>
public interface ICronLauncher
{
    /// <summary>
    /// Applies the CronWorkflow's run policy (suspend, <c>when</c>, <c>stopStrategy</c>, concurrency) to
    /// <paramref name="tick"/> and starts its workflow, named so that running this again starts nothing twice.
    /// </summary>
    Task<CronTickResult> LaunchAsync(CronTick tick, CancellationToken cancellationToken = default);
}
