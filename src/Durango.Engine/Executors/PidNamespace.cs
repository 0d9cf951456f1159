using System.Diagnostics;

namespace Durango.Engine.Executors;

/// <summary>
/// Gives a process step its own PID namespace and <c>/proc</c> (<c>unshare --pid --fork --mount-proc</c>, with
/// <c>--user --map-root-user</c> first where the host does not run as root): the step is PID 1 of its namespace,
/// sees only its own processes, and cannot read the host's (or other steps') <c>/proc/PID/environ</c>, which hold
/// every configured secret. <c>--kill-child</c> ends the step when its <c>unshare</c> dies. It costs one exec per
/// step (the <c>unshare</c>); where neither form works (not Linux, user namespaces disabled), steps run without it.
/// </summary>
internal static class PidNamespace
{
    private static readonly Lazy<string[]?> Flags = new(Probe);

    /// <summary>True when steps get a PID namespace on this host.</summary>
    public static bool IsSupported => Flags.Value is not null;

    /// <summary>
    /// <paramref name="argv"/> in a PID namespace of its own; with <paramref name="privateTmp"/>, that directory is
    /// also mounted on the step's <c>/tmp</c> (<see cref="PrivateTmp"/>) in the same namespaces, without another exec.
    /// </summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, string? privateTmp)
    {
        if (Flags.Value is not { } flags)
        {
            return privateTmp is null ? argv : PrivateTmp.Wrap(argv, privateTmp);
        }

        return privateTmp is null
            ? [Unshare, .. flags, "--", .. argv]
            : [Unshare, .. flags, "--", "sh", "-c", PrivateTmp.MountScript, privateTmp, .. argv];
    }

    private static string Unshare => File.Exists("/usr/bin/unshare") ? "/usr/bin/unshare" : "unshare";

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
