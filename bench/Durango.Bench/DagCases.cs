using System.Globalization;
using System.Text;

namespace Durango.Bench;

/// <summary>
/// Long DAGs on Azure Storage (<c>--dag-storage SHORTER,LONGER</c>, with <c>--storage</c> or <c>--azurite</c>): a chain
/// of DAG tasks against a chain of steps of the same length, through <c>durango run --storage</c>, with the provider's
/// extended sessions off (the default) and on (<c>Durango:ExtendedSessions</c>). A steps template continues as new
/// every few groups; a DAG's orchestration replays its whole history at each task's end unless a session keeps it.
/// Per task: (T(longer) − T(shorter)) / (longer − shorter), each pair sampled in turn, a task hub per run.
/// </summary>
internal static class DagCases
{
    public static async Task<string> MeasureAsync(string cli, string storage, int shorter, int longer, Samples samples, string directory, TextWriter progress)
    {
        Directory.CreateDirectory(directory);
        var files = new Dictionary<(string Kind, int Length), string>();
        foreach (var length in new[] { shorter, longer })
        {
            files[("steps", length)] = Path.Combine(directory, $"steps-{length}.yaml");
            files[("DAG", length)] = Path.Combine(directory, $"dag-{length}.yaml");
            await File.WriteAllTextAsync(files[("steps", length)], Workflows.Sequential(length)).ConfigureAwait(false);
            await File.WriteAllTextAsync(files[("DAG", length)], Workflows.DagChain(length)).ConfigureAwait(false);
        }

        var loadBefore = Machine.LoadAverage();
        var rows = new List<(string Kind, bool Sessions, TimeSpan Shorter, TimeSpan Longer)>();
        foreach (var sessions in new[] { false, true })
        {
            foreach (var kind in new[] { "steps", "DAG" })
            {
                await progress.WriteLineAsync($"dag-storage: {kind}, {shorter} and {longer}, sessions {(sessions ? "on" : "off")}").ConfigureAwait(false);
                var environment = new Dictionary<string, string> { ["Durango__ExtendedSessions"] = sessions ? "true" : "false" };
                Func<Task<TimeSpan>> Run(int length) => () => Samples.TimeAsync(() => Processes.RunAsync(
                    cli, ["run", files[(kind, length)], "--output", "json", "--storage", storage, "--task-hub", "bench" + Guid.NewGuid().ToString("N")[..8]], environment: environment));
                var (a, b) = await samples.MedianPairAsync(Run(shorter), Run(longer)).ConfigureAwait(false);
                rows.Add((kind, sessions, a, b));
            }
        }

        var culture = CultureInfo.InvariantCulture;
        double PerTask(TimeSpan a, TimeSpan b) => (b - a).TotalMilliseconds / (longer - shorter);
        var text = new StringBuilder();
        text.AppendLine(string.Create(culture, $"`Durango.Bench --dag-storage {shorter},{longer}` on Azure Storage, medians of {samples.Runs} runs each after one warm-up; one-minute load average {loadBefore} at the start and {Machine.LoadAverage()} at the end."));
        text.AppendLine();
        text.AppendLine(string.Create(culture, $"| chain | extended sessions | {shorter} | {longer} | one more task | against steps |"));
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (kind, sessions, a, b) in rows)
        {
            var steps = rows.Single(r => r.Kind == "steps" && r.Sessions == sessions);
            text.AppendLine(string.Create(culture,
                $"| {kind} | {(sessions ? "on" : "off")} | {a.TotalSeconds:F1} s | {b.TotalSeconds:F1} s | {PerTask(a, b):F1} ms | {PerTask(a, b) / PerTask(steps.Shorter, steps.Longer):F2}x |"));
        }

        return text.ToString();
    }
}
