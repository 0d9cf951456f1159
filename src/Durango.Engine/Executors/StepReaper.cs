using System.Diagnostics;
using System.Globalization;

namespace Durango.Engine.Executors;

/// <summary>
/// Makes the process runtime's steps die with their host. Durable re-runs a step whose host died mid-run
/// (at-least-once), so a step left running as an orphan would run twice at once and finish twice. Each step runs
/// in a process group of its own (started with <c>POSIX_SPAWN_SETSID</c>, <see cref="Spawning.SpawnedStep"/>) and is
/// registered with a small watcher process that reads this host's pipe: when the host dies, even by <c>kill -9</c>,
/// the kernel closes the pipe and the watcher kills every group still registered. Registering is one line written
/// to that pipe; the watcher is started once, with the first step.
/// </summary>
public sealed class StepReaper : IDisposable
{
    // Reads "+ PID" / "- PID" lines; on end of input (the host is gone) kills each registered process group.
    private const string Watcher = """
        declare -A groups
        while read -r op pid; do
          case "$op" in
            +) groups[$pid]=1 ;;
            -) unset "groups[$pid]" ;;
          esac
        done
        for pid in "${!groups[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
        """;

    private readonly Lock _gate = new();
    private Process? _watcher;
    private int _registered;

    /// <summary>True where steps get process groups of their own and a watcher (Linux with glibc and <c>bash</c>).</summary>
    public static bool IsSupported => Spawning.SpawnedStep.IsSupported && File.Exists("/bin/bash");

    /// <summary>Registers the group of step process <paramref name="pid"/>; dispose the result when the step has ended.</summary>
    public IDisposable Track(int pid)
    {
        if (!IsSupported || !Send($"+ {pid.ToString(CultureInfo.InvariantCulture)}"))
        {
            return NoRegistration.Instance;
        }

        Interlocked.Increment(ref _registered);
        return new Registration(this, pid);
    }

    /// <summary>
    /// Ends the watcher, which kills any step still registered: a host that stops takes its steps with it. When steps
    /// are registered it waits (up to 5 s) until the watcher has killed them; when none is, it does not wait.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_watcher is { } watcher)
            {
                _watcher = null;
                watcher.StandardInput.Close();
                if (Volatile.Read(ref _registered) > 0)
                {
                    watcher.WaitForExit(5000);
                }

                watcher.Dispose();
            }
        }
    }

    private bool Send(string line)
    {
        lock (_gate)
        {
            try
            {
                if (_watcher is null || _watcher.HasExited)
                {
                    _watcher?.Dispose();
                    var start = new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true, UseShellExecute = false };
                    start.ArgumentList.Add("-c");
                    start.ArgumentList.Add(Watcher);
                    _watcher = Process.Start(start);
                }

                _watcher!.StandardInput.WriteLine(line);
                _watcher.StandardInput.Flush();
                return true;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Without a watcher steps still run; they just do not die with a crashed host.
                return false;
            }
        }
    }

    private sealed class Registration(StepReaper reaper, int pid) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                reaper.Send($"- {pid.ToString(CultureInfo.InvariantCulture)}");
                Interlocked.Decrement(ref reaper._registered);
            }
        }
    }

    private sealed class NoRegistration : IDisposable
    {
        public static readonly NoRegistration Instance = new();

        public void Dispose()
        {
        }
    }
}
