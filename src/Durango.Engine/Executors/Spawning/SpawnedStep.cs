using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Durango.Engine.Executors.Spawning;

/// <summary>
/// A step started with glibc's <c>posix_spawn</c>: the child leads a new session and process group
/// (<c>POSIX_SPAWN_SETSID</c>, what the <c>setsid</c> command did with an exec of its own), starts in its working
/// directory (<c>addchdir_np</c>), with the default action for every signal and none blocked (the host ignores
/// <c>SIGPIPE</c>; a step must not), standard input from <c>/dev/null</c> and its output and error on pipes that no
/// other child inherits. The host reaps it itself (<c>waitpid</c> on its pid): .NET's child handling only reaps the
/// processes it started.
/// </summary>
internal sealed class SpawnedStep : StepProcess
{
    private const string LibraryFile = "libc.so.6";
    private static readonly Lazy<bool> Supported = new(Probe);

    private readonly Lock _gate = new();
    private readonly AnonymousPipeClientStream _stdout;
    private readonly AnonymousPipeClientStream _stderr;
    private int? _exitCode;

    private SpawnedStep(int pid, int stdout, int stderr)
    {
        Id = pid;
        _stdout = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout, ownsHandle: true));
        _stderr = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr, ownsHandle: true));
    }

    /// <summary>True on Linux with a glibc that has <c>posix_spawn_file_actions_addchdir_np</c> (2.29 and later).</summary>
    public static bool IsSupported => Supported.Value;

    /// <inheritdoc/>
    public override int Id { get; }

    /// <inheritdoc/>
    public override Stream StandardOutput => _stdout;

    /// <inheritdoc/>
    public override Stream StandardError => _stderr;

    /// <summary>Starts <paramref name="launch"/>.</summary>
    public static new SpawnedStep Start(StepLaunch launch)
    {
        var stdout = Pipe();
        int[] stderr;
        try
        {
            stderr = Pipe();
        }
        catch
        {
            CloseAll(stdout);
            throw;
        }

        var actions = Marshal.AllocHGlobal(LibC.OpaqueSize);
        var attributes = Marshal.AllocHGlobal(LibC.OpaqueSize);
        var noSignals = Marshal.AllocHGlobal(LibC.SigSetSize);
        var allSignals = Marshal.AllocHGlobal(LibC.SigSetSize);
        var argv = Strings(launch.Argv);
        var envp = Strings(launch.Environment.Select(v => $"{v.Key}={v.Value}"));
        var started = false;
        try
        {
            Check(LibC.FileActionsInit(actions));
            Check(LibC.AttributesInit(attributes));
            try
            {
                Check(LibC.FileActionsAddOpen(actions, 0, LibC.Utf8("/dev/null"), LibC.ReadOnly, 0));
                Check(LibC.FileActionsAddDup2(actions, stdout[1], 1));
                Check(LibC.FileActionsAddDup2(actions, stderr[1], 2));
                Check(LibC.FileActionsAddChdir(actions, LibC.Utf8(launch.WorkingDirectory)));
                Check(LibC.SigEmptySet(noSignals));
                Check(LibC.SigFillSet(allSignals));
                Check(LibC.AttributesSetSigMask(attributes, noSignals));
                Check(LibC.AttributesSetSigDefault(attributes, allSignals));
                Check(LibC.AttributesSetFlags(attributes, LibC.SpawnSetSid | LibC.SpawnSetSigMask | LibC.SpawnSetSigDefault));
                Check(LibC.Spawn(out var pid, LibC.Utf8(launch.Argv[0]), actions, attributes, argv, envp));
                started = true;
                return new SpawnedStep(pid, stdout[0], stderr[0]);
            }
            finally
            {
                _ = LibC.FileActionsDestroy(actions);
                _ = LibC.AttributesDestroy(attributes);
            }
        }
        finally
        {
            // The child has its own copies of the write ends; ours must go so that its exit ends the reads.
            _ = LibC.Close(stdout[1]);
            _ = LibC.Close(stderr[1]);
            if (!started)
            {
                _ = LibC.Close(stdout[0]);
                _ = LibC.Close(stderr[0]);
            }

            Free(argv);
            Free(envp);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(noSignals);
            Marshal.FreeHGlobal(allSignals);
        }
    }

    /// <inheritdoc/>
    public override async Task<int> WaitForExitAsync()
    {
        // Called once the pipes are at their end, so the process is exiting: look again at once a few times (it closes
        // its files just before it becomes a zombie), then back off, for a step that closed its output and runs on.
        var spin = new SpinWait();
        var delay = 1;
        while (true)
        {
            if (TryReap() is { } code)
            {
                return code;
            }

            if (spin.Count < 30)
            {
                spin.SpinOnce();
            }
            else
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
        }
    }

    /// <inheritdoc/>
    public override void Kill()
    {
        lock (_gate)
        {
            // Only while not reaped: afterwards the id may already belong to another process.
            if (_exitCode is null && LibC.Kill(-Id, LibC.SigKill) != 0)
            {
                _ = LibC.Kill(Id, LibC.SigKill);
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _stdout.Dispose();
        _stderr.Dispose();
        if (TryReap() is null)
        {
            Kill();
            _ = WaitForExitAsync();
        }
    }

    private int? TryReap()
    {
        lock (_gate)
        {
            while (_exitCode is null)
            {
                var pid = LibC.WaitPid(Id, out var status, LibC.NoHang);
                if (pid == Id)
                {
                    // WIFEXITED: the low 7 bits are 0 and the code is in the next byte; otherwise they hold the signal.
                    _exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
                }
                else if (pid == 0)
                {
                    return null;
                }
                else if (Marshal.GetLastPInvokeError() != LibC.Interrupted)
                {
                    throw new InvalidOperationException(
                        $"the exit status of step process {Id} was taken by another waiter (errno {Marshal.GetLastPInvokeError()}); does the host's parent ignore SIGCHLD?");
                }
            }

            return _exitCode;
        }
    }

    private static int[] Pipe()
    {
        var fds = new int[2];
        return LibC.Pipe(fds, LibC.CloseOnExec) == 0 ? fds : throw new Win32Exception(Marshal.GetLastPInvokeError());
    }

    private static void CloseAll(int[] fds)
    {
        foreach (var fd in fds)
        {
            _ = LibC.Close(fd);
        }
    }

    private static void Check(int error)
    {
        // posix_spawn and its helpers return the error number rather than setting errno.
        if (error != 0)
        {
            throw new Win32Exception(error);
        }
    }

    private static IntPtr[] Strings(IEnumerable<string> values) =>
        [.. values.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    private static void Free(IntPtr[] strings)
    {
        foreach (var pointer in strings)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryFile, out var libc))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(libc, "posix_spawn_file_actions_addchdir_np", out _);
    }
}
