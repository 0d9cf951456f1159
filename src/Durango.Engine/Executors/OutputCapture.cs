using System.Text;

namespace Durango.Engine.Executors;

/// <summary>
/// Output files of a container whose file system the host cannot read (Azure Container Instances, docker): the
/// command runs under <c>/bin/sh</c>, which afterwards prints each requested file, base64-encoded between marker
/// lines, on standard output; <see cref="Split"/> takes them out of the output again. The exit code is the command's.
/// </summary>
public static class OutputCapture
{
    /// <summary>Starts each marker line; unlikely in any real output.</summary>
    public const string Marker = "__durango_output_file__";

    // $1 is how many paths follow; then the paths; then the command. Each existing file is printed as
    // MARKER <base64 path> / <base64 content> / MARKER end, after a newline so that the marker starts a line.
    private const string Script = """
        n=$1; shift; files=""
        while [ "$n" -gt 0 ]; do files="$files$1
        "; shift; n=$((n-1)); done
        "$@"; code=$?
        printf '%s' "$files" | while IFS= read -r p; do
          if [ -n "$p" ] && [ -f "$p" ]; then
            printf '\n%s %s\n' __durango_output_file__ "$(printf '%s' "$p" | base64 | tr -d '\n')"
            base64 < "$p" | tr -d '\n'
            printf '\n%s end\n' __durango_output_file__
          fi
        done
        exit $code
        """;

    /// <summary><paramref name="argv"/> wrapped so that <paramref name="paths"/> are printed after it; unchanged when there are none.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, IReadOnlyList<string> paths) => paths.Count == 0
        ? argv
        : ["/bin/sh", "-c", Script, "durango", paths.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. paths, .. argv];

    /// <summary>True when <paramref name="line"/> is a marker line: live log streaming stops showing output there.</summary>
    public static bool IsMarker(string line) => line.StartsWith(Marker + " ", StringComparison.Ordinal);

    /// <summary>The output without the captured files, and the files by path (null for each path that was not produced).</summary>
    public static (string Output, IReadOnlyDictionary<string, string?> Files) Split(string output, IReadOnlyList<string> paths)
    {
        var files = paths.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => (string?)null, StringComparer.Ordinal);
        var start = output.IndexOf("\n" + Marker + " ", StringComparison.Ordinal);
        if (paths.Count == 0 || start < 0)
        {
            return (output, files);
        }

        var lines = output[(start + 1)..].Split('\n');
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (IsMarker(lines[i]) && lines[i] != Marker + " end")
            {
                var path = Decode(lines[i][(Marker.Length + 1)..]);
                if (path is not null && files.ContainsKey(path))
                {
                    files[path] = Decode(lines[i + 1]) ?? string.Empty;
                }

                i++;
            }
        }

        return (output[..start], files);
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
