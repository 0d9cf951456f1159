namespace Durango.Core.Diagnostics;

/// <summary>
/// Where each node of a loaded document came from, keyed by its path in the spec
/// (<c>spec.templates[1].steps[0][0].template</c>). Keeps the spec records free of positions.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    /// <summary>Creates an empty map for <paramref name="file"/>.</summary>
    public SourceMap(string file) => File = file;

    /// <summary>The file the document was read from.</summary>
    public string File { get; }

    /// <summary>Records where <paramref name="path"/> starts.</summary>
    public void Add(string path, int line, int column) =>
        _locations.TryAdd(path, new SourceLocation(File, line, column));

    /// <summary>Records where <paramref name="path"/> starts, replacing what was recorded.</summary>
    internal void Replace(string path, int line, int column) => _locations[path] = new SourceLocation(File, line, column);

    /// <summary>
    /// The location of <paramref name="path"/> or of its nearest recorded ancestor, so that a diagnostic about
    /// a value the YAML left out still points at its parent.
    /// </summary>
    public SourceLocation Locate(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (_locations.TryGetValue(current, out var location))
            {
                return location;
            }

            current = SpecPath.Parent(current);
        }

        return _locations.TryGetValue(string.Empty, out var root) ? root : new SourceLocation(File, 1, 1);
    }
}
