using System.Diagnostics;
using System.Globalization;

namespace Durango.Bench;

/// <summary>One run of a long chain through the CLI: its wall time and the process's peak resident set.</summary>
/// <param name="Steps">The chain's length.</param>
/// <param name="Time">Start to exit.</param>
/// <param name="PeakKilobytes">The peak resident set (<c>/usr/bin/time</c>'s <c>%M</c>, the kernel's <c>ru_maxrss</c>).</param>
internal sealed record LongChainFigures(int Steps, TimeSpan Time, long PeakKilobytes);

/// <summary>
/// Issue 12's memory goal: a 10,000-step chain completes within 300 MB. Run once (it takes minutes), under
/// <c>/usr/bin/time</c> for the peak resident set, with the node cap raised above the chain's 2n + 1 nodes.
/// </summary>
internal static class LongChain
{
    public static async Task<LongChainFigures> MeasureAsync(string cli, int steps, string directory, TextWriter progress)
    {
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cli: one chain of {steps} steps, peak resident set")).ConfigureAwait(false);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"long-{steps}.yaml");
        await File.WriteAllTextAsync(file, Workflows.Sequential(steps)).ConfigureAwait(false);
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", "peak-kb %M", cli, "run", file, "--output", "json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Durango__Limits__MaxNodes"] = (2 * steps + 100).ToString(CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/time");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        watch.Stop();
        var stderr = await error.ConfigureAwait(false);
        _ = await output.ConfigureAwait(false);
        var peak = stderr.Split('\n').LastOrDefault(l => l.StartsWith("peak-kb ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/usr/bin/time reported no peak: {stderr}");
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the {steps}-step chain exited {process.ExitCode}: {stderr}");
        }

        return new LongChainFigures(steps, watch.Elapsed, long.Parse(peak["peak-kb ".Length..], CultureInfo.InvariantCulture));
    }
}
