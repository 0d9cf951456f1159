using System.Globalization;
using System.Text.RegularExpressions;

namespace Durango.Bench;

/// <summary>
/// Storage requests counted from Azurite's debug log (<c>--debug FILE</c>): the noise-free measure of what a step costs
/// on Azure Storage, where each request is a round trip. Each request is keyed by service, method and what it touches
/// (the task hub's name and a workflow's own names left out), so a run's keys compare with another's.
/// </summary>
internal sealed partial class StorageRequests(string debugLog)
{
    private long _offset;

    /// <summary>Skips what the log holds so far.</summary>
    public void Mark() => _offset = new FileInfo(debugLog).Length;

    /// <summary>The requests logged since the last <see cref="Mark"/> (or <see cref="Take"/>), by key.</summary>
    public SortedDictionary<string, int> Take()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var stream = new FileStream(debugLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = Request().Match(line);
            if (match.Success)
            {
                var key = Key(match.Groups["service"].Value, match.Groups["method"].Value, match.Groups["url"].Value);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        _offset = stream.Position;
        return counts;
    }

    private static string Key(string service, string method, string url)
    {
        var uri = new Uri(url);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var resource = segments.Count == 0 ? "(account)" : Hub().Replace(segments[0], "{hub}");
        resource = Parenthesised().Replace(resource, "()");
        var rest = service switch
        {
            "Queue" => segments.Count > 2 ? "messages/{id}" : segments.Count > 1 ? segments[1] : string.Empty,
            "Blob" => segments.Count > 1 ? Path.GetExtension(segments[^1]) is { Length: > 0 } ext ? "*" + ext : segments[^1] : string.Empty,
            _ => string.Empty,
        };
        var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
        return string.Join(' ', new[] { service.ToLowerInvariant(), method, resource, rest, comp is null ? string.Empty : "comp=" + comp }.Where(p => p.Length > 0));
    }

    /// <summary>Renders <paramref name="counts"/> divided by <paramref name="per"/> (steps).</summary>
    public static string Render(string title, SortedDictionary<string, int> counts, int per)
    {
        var lines = counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.Value,6} {c.Value / (double)per,8:F2}  {c.Key}"));
        return string.Create(CultureInfo.InvariantCulture, $"{title}: {counts.Values.Sum()} requests, {counts.Values.Sum() / (double)per:F2} per step\n") + string.Join('\n', lines) + "\n";
    }

    [GeneratedRegex(@"(?<service>Blob|Queue|Table)StorageContextMiddleware: RequestMethod=(?<method>\S+) RequestURL=(?<url>\S+)")]
    private static partial Regex Request();

    [GeneratedRegex(@"^(bench[0-9a-f]{8}|durango)", RegexOptions.IgnoreCase)]
    private static partial Regex Hub();

    [GeneratedRegex(@"\(.*\)$")]
    private static partial Regex Parenthesised();
}
