namespace Durango.Engine.Executors;

/// <summary>
/// Host directories mounted at a process step's paths, as a pod's volumes are: for the process runtime, in the step's
/// own mount namespace (the one its PID namespace brings, or <c>unshare --mount</c>), each directory bound on its
/// path. A path that does not exist on the host is created as an empty directory first (a mount point, as a
/// container runtime creates one in the image); the bind itself is private to the step.
/// </summary>
internal static class VolumeMounts
{
    /// <summary>Binds each pair of arguments (directory, path) until <c>--</c>, then execs the rest.</summary>
    private const string Script = "while [ \"$1\" != -- ]; do mkdir -p \"$2\" && mount --bind \"$1\" \"$2\" || exit 125; shift 2; done; shift; exec \"$@\"";

    /// <summary><paramref name="argv"/> with <paramref name="volumes"/> mounted first; <paramref name="argv"/> itself when there are none.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, IReadOnlyList<HostVolume> volumes)
    {
        if (volumes.Count == 0)
        {
            return argv;
        }

        List<string> mount = ["sh", "-c", Script, "sh", .. volumes.SelectMany(v => new[] { v.HostDirectory, v.MountPath }), "--", .. argv];
        return PidNamespace.IsSupported ? mount : ["unshare", "--mount", "--map-root-user", "--", .. mount];
    }

    /// <summary>Where the host sees <paramref name="path"/> of a step with <paramref name="volumes"/>, or null when no volume holds it.</summary>
    public static string? HostPath(string path, IReadOnlyList<HostVolume> volumes)
    {
        foreach (var volume in volumes.OrderByDescending(v => v.MountPath.Length))
        {
            var mount = volume.MountPath.TrimEnd('/');
            if (path == mount)
            {
                return volume.HostDirectory;
            }

            if (path.StartsWith(mount + "/", StringComparison.Ordinal))
            {
                return Path.Combine(volume.HostDirectory, path[(mount.Length + 1)..]);
            }
        }

        return null;
    }
}
