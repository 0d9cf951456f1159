namespace Durango.Engine.Executors.Spawning;

/// <summary>What to start for a step: the whole command line (<c>argv[0]</c> a path), its working directory and its whole environment.</summary>
/// <param name="Argv">The command line, wrappers (<c>unshare</c>, the mount script) included.</param>
/// <param name="WorkingDirectory">Where it starts.</param>
/// <param name="Environment">Every variable it gets; nothing of the host's is added.</param>
internal sealed record StepLaunch(IReadOnlyList<string> Argv, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// A started step: on Linux the leader of a process group and session of its own (<see cref="SpawnedStep"/>, started
/// with <c>posix_spawn</c> and <c>POSIX_SPAWN_SETSID</c>, so no <c>setsid</c> exec), elsewhere a plain child process
/// (<see cref="ManagedStep"/>). Its standard input is empty; its output and error are pipes.
/// </summary>
internal abstract class StepProcess : IDisposable
{
    /// <summary>The process id (on Linux also its process group's id).</summary>
    public abstract int Id { get; }

    /// <summary>The step's standard output.</summary>
    public abstract Stream StandardOutput { get; }

    /// <summary>The step's standard error.</summary>
    public abstract Stream StandardError { get; }

    /// <summary>Starts <paramref name="launch"/>; a command that cannot be started throws <see cref="System.ComponentModel.Win32Exception"/>.</summary>
    public static StepProcess Start(StepLaunch launch) => SpawnedStep.IsSupported ? SpawnedStep.Start(launch) : ManagedStep.Start(launch);

    /// <summary>Waits for the process to end: its exit code, or 128 + the signal that ended it.</summary>
    public abstract Task<int> WaitForExitAsync();

    /// <summary>Kills the step and everything it started (its process group); nothing once it has ended.</summary>
    public abstract void Kill();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the pipes; a step still running is killed, since nothing would read its output any more.</summary>
    protected abstract void Dispose(bool disposing);
}
