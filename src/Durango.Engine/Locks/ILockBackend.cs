namespace Durango.Engine.Locks;

/// <summary>
/// The client-side work of locks: starting a lock's orchestration and reading workflows' states, which need a Durable
/// client. The application layer implements it; the engine calls it only from its lock activities, so layers keep
/// pointing one way (as <see cref="Cron.ICronLauncher"/>).
/// </summary>
public interface ILockBackend
{
    /// <summary>Reads each lock's limit and starts its orchestration unless one runs.</summary>
    Task<LockOpenResult> OpenAsync(LockOpenInput input, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="workflows"/> have ended or no longer exist.</summary>
    Task<List<string>> EndedAsync(IReadOnlyList<string> workflows, CancellationToken cancellationToken = default);
}
