using System.Diagnostics;

namespace Durango.Engine.Executors;

/// <summary>
/// Gives a process step its own PID namespace and <c>/proc</c> (<c>unshare --pid --fork --mount-proc</c>, with
/// <c>--user --map-root-user</c> first where the host does not run as root): the step is PID 1 of its namespace,
/// sees only its own processes, and cannot read the host's (or other steps') <c>/proc/PID/environ</c>, which hold
/// every configured secret. <c>--kill-child</c> ends the step when its <c>unshare</c> dies. It costs one exec per
/// step (the <c>unshare</c>, which the runtime starts directly: see <see cref="Spawning.SpawnedStep"/>); where neither
/// form works (not Linux, user namespaces disabled), steps run without it.
/// </summary>
internal static class PidNamespace
{
    private static readonly Lazy<string[]?> Flags = new(Probe);

    /// <summary>True when steps get a PID namespace on this host.</summary>
    public static bool IsSupported => Flags.Value is not null;

    /// <summary>True when a step can get bind mounts (<see cref="BindMount"/>): in its PID namespace's mount namespace, or in a mount namespace alone.</summary>
    public static bool MountsSupported => IsSupported || PrivateTmp.IsSupported;

    /// <summary>
    /// <paramref name="argv"/> in a PID namespace of its own, with <paramref name="mounts"/> made in its mount
    /// namespace before it starts. Where there is no PID namespace, the mounts get a mount namespace alone
    /// (<see cref="PrivateTmp.Wrap"/>); callers add mounts only when <see cref="MountsSupported"/>.
    /// </summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, IReadOnlyList<BindMount> mounts)
    {
        if (Flags.Value is not { } flags)
        {
            return mounts.Count == 0 ? argv : PrivateTmp.Wrap(BindMount.Wrap(argv, mounts));
        }

        return [Unshare, .. flags, "--", .. BindMount.Wrap(argv, mounts)];
    }

    /// <summary>The <c>unshare</c> command, by its full path (the step's environment has no say in it).</summary>
    public static string Unshare { get; } = File.Exists("/usr/bin/unshare") ? "/usr/bin/unshare" : "unshare";

    private static string[]? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] pid = ["--pid", "--fork", "--mount-proc", "--kill-child"];
        foreach (var flags in new[] { pid, ["--user", "--map-root-user", .. pid] })
        {
            if (Works(flags))
            {
                return flags;
            }
        }

        return null;
    }

    private static bool Works(IReadOnlyList<string> flags)
    {
        try
        {
            // The probe also mounts on /tmp as a step with a private /tmp would, so one form serves both.
            using var probe = Process.Start(new ProcessStartInfo(Unshare, [.. flags, "--", "sh", "-c", "mount --bind /tmp /tmp && test -d /proc/1"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            return probe is not null && probe.WaitForExit(5000) && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
