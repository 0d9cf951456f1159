using System.Diagnostics;

namespace Durango.Engine.Executors.Spawning;

/// <summary>
/// A step started with <see cref="Process"/>, where <c>posix_spawn</c> with <c>POSIX_SPAWN_SETSID</c> is not
/// available (not Linux, or not glibc): no process group of its own, so a kill ends its process tree as .NET sees it.
/// </summary>
internal sealed class ManagedStep : StepProcess
{
    private readonly Process _process;

    private ManagedStep(Process process) => _process = process;

    /// <inheritdoc/>
    public override int Id => _process.Id;

    /// <inheritdoc/>
    public override Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <inheritdoc/>
    public override Stream StandardError => _process.StandardError.BaseStream;

    /// <summary>Starts <paramref name="launch"/>.</summary>
    public static new ManagedStep Start(StepLaunch launch)
    {
        var start = new ProcessStartInfo(launch.Argv[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
        foreach (var arg in launch.Argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            return new ManagedStep(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <inheritdoc/>
    public override void Kill() => ChildProcesses.Kill(_process);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
