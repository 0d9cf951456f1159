using Microsoft.DurableTask;

namespace Durango.Engine.Locks;

/// <summary>
/// <see cref="LockTasks.Open"/>: reads the locks' limits and starts their orchestrations (<see cref="ILockBackend"/>), and
/// tells the asker <see cref="DurangoOptions.LockResendInterval"/>.
/// </summary>
public sealed class LockOpenActivity(ILockBackend backend, DurangoOptions options) : TaskActivity<LockOpenInput, LockOpenResult>
{
    /// <inheritdoc/>
    public override async Task<LockOpenResult> RunAsync(TaskActivityContext context, LockOpenInput input) =>
        (await backend.OpenAsync(input).ConfigureAwait(false)) with { ResendAfter = options.LockResendInterval };
}

/// <summary><see cref="LockTasks.Ended"/>: which holders' workflows have ended (<see cref="ILockBackend"/>).</summary>
public sealed class LockEndedActivity(ILockBackend backend) : TaskActivity<List<string>, List<string>>
{
    /// <inheritdoc/>
    public override Task<List<string>> RunAsync(TaskActivityContext context, List<string> input) => backend.EndedAsync(input);
}
