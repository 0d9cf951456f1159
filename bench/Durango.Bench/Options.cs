using System.Globalization;

namespace Durango.Bench;

/// <summary>The benchmark's <c>--name value</c> options and <c>--flag</c>s.</summary>
internal sealed class Options(IReadOnlyDictionary<string, string> values)
{
    public static Options Parse(string[] args) => new(args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
        .ToDictionary(p => p.a, p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : string.Empty, StringComparer.Ordinal));

    public bool Has(string name) => values.ContainsKey(name);

    public string Get(string name, string fallback) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

    public int Int(string name, int fallback) => int.TryParse(Get(name, string.Empty), CultureInfo.InvariantCulture, out var n) ? n : fallback;
}

/// <summary>The repository the benchmark runs from and the machine it runs on.</summary>
internal static class Repository
{
    /// <summary>The repository's root: five levels above bench/Durango.Bench/bin/Release/net10.0.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
}

/// <summary>What the machine was doing.</summary>
internal static class Machine
{
    /// <summary>The one-minute load average (<c>/proc/loadavg</c>), or null where there is none.</summary>
    public static double? LoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
        : null;
}
