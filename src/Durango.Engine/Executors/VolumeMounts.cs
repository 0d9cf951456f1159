namespace Durango.Engine.Executors;

/// <summary>
/// Where a step's path lies in the host directories mounted as its volumes (a <c>containerSet</c>'s shared
/// workspace); the process runtime binds them as <see cref="BindMount"/>s.
/// </summary>
internal static class VolumeMounts
{
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
