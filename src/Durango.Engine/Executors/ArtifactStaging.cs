namespace Durango.Engine.Executors;

/// <summary>
/// A host folder that stands for a container's artifact paths on runtimes whose file system the host cannot reach
/// (docker, aci): the exchange places inputs under <c>in/</c> and collects outputs from <c>out/</c>, each at its
/// absolute container path (a relative path is relative to the working directory, else <c>/</c>). The runtime moves
/// the two trees into and out of the container.
/// </summary>
/// <param name="Root">The folder, private to one node.</param>
/// <param name="WorkingDir">The container's working directory, if set.</param>
public sealed record ArtifactStaging(string Root, string? WorkingDir)
{
    /// <summary>Where inputs are placed, one entry per absolute container path.</summary>
    public string InputRoot => Path.Combine(Root, "in");

    /// <summary>Where outputs are collected from.</summary>
    public string OutputRoot => Path.Combine(Root, "out");

    /// <summary>The absolute container path of <paramref name="path"/>.</summary>
    public string Absolute(string path) =>
        path.StartsWith('/') ? path : $"{(WorkingDir is { } dir && dir.StartsWith('/') ? dir : "/").TrimEnd('/')}/{path}";

    /// <summary>Where the host places input <paramref name="path"/>.</summary>
    public string InputPath(string path) => Path.Combine(InputRoot, Absolute(path).TrimStart('/'));

    /// <summary>Where the host finds output <paramref name="path"/> once copied out.</summary>
    public string OutputPath(string path) => Path.Combine(OutputRoot, Absolute(path).TrimStart('/'));

    /// <summary>The absolute container paths of <paramref name="paths"/> that an input was placed at.</summary>
    public IReadOnlyList<string> Placed(IEnumerable<string> paths) => paths
        .Where(p => File.Exists(InputPath(p).TrimEnd('/')) || Directory.Exists(InputPath(p).TrimEnd('/')))
        .Select(Absolute).Distinct(StringComparer.Ordinal).ToList();
}
