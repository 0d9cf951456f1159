using System.Diagnostics;

namespace Durango.Engine.Executors;

/// <summary>
/// Gives a process step its own <c>/tmp</c>, as its container would have: Argo's examples write outputs to fixed
/// paths such as <c>/tmp/num</c>, and parallel steps on one host would otherwise overwrite each other. Uses a private
/// mount namespace (<c>unshare --mount --map-root-user</c>, no privileges needed where user namespaces are allowed);
/// where that is not available, or the working directory is itself under <c>/tmp</c>, steps share the host's.
/// Only steps that name <c>/tmp</c> get one: it costs a few milliseconds, and programs that use <c>TMPDIR</c> already
/// get a private directory.
/// </summary>
internal static class PrivateTmp
{
    private static readonly Lazy<bool> Supported = new(Probe);

    /// <summary>True when steps can get a private <c>/tmp</c> on this host.</summary>
    public static bool IsSupported => Supported.Value;

    /// <summary><paramref name="argv"/> (which makes its mounts, <see cref="BindMount.Wrap"/>) in a mount namespace of its own.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) =>
        [PidNamespace.Unshare, "--mount", "--map-root-user", "--", .. argv];

    /// <summary>True when <paramref name="request"/> names a path under <c>/tmp</c> in its command, script, environment or outputs.</summary>
    public static bool Needed(ContainerRequest request) =>
        request.Command.Concat(request.Args).Concat(request.OutputPaths).Concat(request.Env.Select(e => e.Value)).Append(request.ScriptSource ?? string.Empty)
            .Any(text => text.Contains("/tmp", StringComparison.Ordinal));

    /// <summary>True when <paramref name="directory"/> is under <c>/tmp</c>, so that a private <c>/tmp</c> would hide it.</summary>
    public static bool Hides(string directory) => Path.GetFullPath(directory).StartsWith("/tmp/", StringComparison.Ordinal);

    /// <summary>Where the host sees <paramref name="path"/> of a step whose <c>/tmp</c> is <paramref name="directory"/>.</summary>
    public static string? HostPath(string path, string directory) =>
        path == "/tmp" ? directory : path.StartsWith("/tmp/", StringComparison.Ordinal) ? Path.Combine(directory, path["/tmp/".Length..]) : null;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--map-root-user", "--", "sh", "-c", "mount --bind /tmp /tmp"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (probe is null || !probe.WaitForExit(5000))
            {
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
