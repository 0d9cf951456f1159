using System.Globalization;

namespace Durango.Engine.Executors;

/// <summary>
/// A host directory a process step sees at another path (its private <c>/tmp</c>, a <c>containerSet</c>'s shared
/// volume), bound inside the step's own mount namespace, so the host and other steps see nothing of it. A step path
/// missing on the host is made first, as a container runtime makes a mount point in the image. The mounts are made by one <c>sh</c> between
/// <c>unshare</c> and the step, which then execs the step in its place; a step without mounts runs without it.
/// </summary>
/// <param name="HostPath">The directory on the host.</param>
/// <param name="StepPath">Where the step sees it.</param>
public sealed record BindMount(string HostPath, string StepPath)
{
    // $1 is how many mounts follow, then a host path and a step path for each, then the command to exec.
    private const string Script = """
        n=$1; shift
        while [ "$n" -gt 0 ]; do mkdir -p "$2" && mount --bind "$1" "$2" || exit 125; shift 2; n=$((n-1)); done
        exec "$@"
        """;

    /// <summary><paramref name="argv"/> preceded by the shell that makes <paramref name="mounts"/>; unchanged when there are none.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, IReadOnlyList<BindMount> mounts) => mounts.Count == 0
        ? argv
        : ["/bin/sh", "-c", Script, "durango-mounts", mounts.Count.ToString(CultureInfo.InvariantCulture),
            .. mounts.SelectMany(m => new[] { m.HostPath, m.StepPath }), .. argv];
}
