using System.Globalization;
using System.Text;

namespace Durango.Bench;

/// <summary>The benchmark's Markdown: the goals of issue 12 as ratios measured in this one run, then the raw medians.</summary>
internal static class Report
{
    public static string Render(
        CliFigures cli, (TimeSpan Runtime, TimeSpan Shell) spawn, IReadOnlyList<int> chains, IReadOnlyList<BackendFigures> backends, IReadOnlyList<(string Backend, TimeSpan Startup)> startups,
        int runs, double? loadBefore, double? loadAfter, LongChainFigures? longChain = null)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        var busy = loadBefore > Environment.ProcessorCount ? " (other work ran beside it)" : string.Empty;
        Line($"{Environment.ProcessorCount} cores; one-minute load average {Load(loadBefore)} at the start and {Load(loadAfter)} at the end{busy}; medians of {runs} runs, each after one warm-up run.");
        text.AppendLine();
        text.AppendLine("| goal (issue 12) | measured | against | ratio | target |");
        text.AppendLine("|---|---|---|---|---|");
        var isolated = cli.SpawnIsolated;
        var first = cli.PerStep(chains[0], chains[1]);
        Line($"| sequential: one more step, (T({chains[1]}) − T({chains[0]})) / {chains[1] - chains[0]}, `durango run` | {Ms(first)} | a shell's isolated spawn of `/bin/true`, {Ms(isolated)} | {Ratio(first, isolated)} | ≤ 1.5x |");
        Line($"| the spawn path alone: a `true` step through the process runtime, 200 in sequence | {Ms(spawn.Runtime)} | a shell's isolated spawn, {Ms(spawn.Shell)} (sampled in turn) | {Ratio(spawn.Runtime, spawn.Shell)} | – |");
        if (chains.Count >= 4)
        {
            var later = cli.PerStep(chains[2], chains[3]);
            Line($"| growth: one more step from {chains[2]:N0} to {chains[3]:N0} | {Ms(later)} | one more from {chains[0]} to {chains[1]}, {Ms(first)} | {Ratio(later, first)} | ≤ 1.1x |");
        }

        if (longChain is { } chain)
        {
            Line($"| memory: a chain of {chain.Steps:N0} steps, peak resident set of `durango run` (one run, {chain.Time.TotalMinutes:0.0} min) | {chain.PeakKilobytes / 1024.0:0} MB | – | – | ≤ 300 MB |");
        }

        var spawnBeside = cli.FanOutCost?.Spawn.Wall ?? isolated;
        Line($"| fan-out: one more of {cli.FanOutItems:N0} `withSequence` items, (T(fan-out) − T(one step)) / {cli.FanOutItems:N0} | {Ms(cli.PerItem.Wall)} | a shell's isolated spawn, {Ms(spawnBeside)} (sampled in turn) | {Ratio(cli.PerItem.Wall, spawnBeside)} | ≤ 0.75x |");
        if (cli.FanOutCost is { SpawnInParallel: var parallel, Spawn: var alone })
        {
            Line($"| the floor under a fan-out: the same isolated spawns by {Environment.ProcessorCount} shells at once, per spawn | {Ms(parallel.Wall)} | one shell's, {Ms(alone.Wall)} (sampled in turn) | {Ratio(parallel.Wall, alone.Wall)} | – |");
        }

        if (cli.FanOutCost is { Spawn.Cpu: var spawnCpu } && spawnCpu > TimeSpan.Zero)
        {
            Line($"| fan-out in CPU time (user + system of `durango run` and its steps): one more item | {Ms(cli.PerItem.Cpu)} | an isolated spawn's (the shell's with it), {Ms(spawnCpu)} | {Ratio(cli.PerItem.Cpu, spawnCpu)} | – |");
        }

        Line($"| start: `durango run` of a one-step workflow, whole process (`dotnet build`) | {Ms(cli.RunOne)} | `durango lint` of it, {Ms(cli.Lint)} | {Ratio(cli.RunOne, cli.Lint)} | ≤ 2x |");
        if (cli.ReadyToRun is { } r2r)
        {
            Line($"| start, ReadyToRun (`dotnet publish -r linux-x64`) | {Ms(r2r.RunOne)} | `durango lint` of it, {Ms(r2r.Lint)} | {Ratio(r2r.RunOne, r2r.Lint)} | ≤ 2x |");
            if (cli.StartFloor is { } floor)
            {
                Line($"| the floor under the start: Durable Task alone runs the step (`bench/Durango.Bench.StartFloor`, ReadyToRun: the YAML read, one orchestration, one activity spawning `true`) | {Ms(floor)} | `durango lint`, ReadyToRun, {Ms(r2r.Lint)} (sampled in turn) | {Ratio(floor, r2r.Lint)} | – |");
            }
        }

        foreach (var backend in backends.Where(b => b.Case == "sequential"))
        {
            var target = backend.Backend.StartsWith("Azure", StringComparison.Ordinal) ? "≤ 1.5x" : "–";
            Line($"| {backend.Backend}: a step of a {backend.Steps}-step chain, in process | {backend.DurangoPerStep:0.00} ms | a bare Durable no-op activity, {backend.DurablePerActivity:0.00} ms | {backend.DurangoPerStep / backend.DurablePerActivity:0.00}x | {target} |");
        }

        text.AppendLine();
        Line($"Whole processes (`durango` is `--output json`; the isolated spawn is `{cli.IsolatedCommand}`):");
        text.AppendLine();
        text.AppendLine("| what | median |");
        text.AppendLine("|---|---|");
        Line($"| a shell's spawn of `/bin/true` | {Ms(cli.SpawnBare)} |");
        Line($"| a shell's isolated spawn of `/bin/true` | {Ms(cli.SpawnIsolated)} |");
        Line($"| `durango lint` one step | {Ms(cli.Lint)} |");
        Line($"| `durango run` one step | {Ms(cli.RunOne)} |");
        foreach (var (steps, time) in cli.Chains.OrderBy(c => c.Key))
        {
            Line($"| `durango run` a chain of {steps:N0} steps | {Ms(time)} |");
        }

        Line($"| `durango run` a fan-out of {cli.FanOutItems:N0} items | {Ms(cli.FanOut)} |");
        if (cli.FanOutCost is { } fanCost)
        {
            Line($"| CPU time of `durango run` a fan-out of {cli.FanOutItems:N0} items / one step (sampled in turn) | {Ms(fanCost.FanOut.Cpu)} / {Ms(fanCost.OneStep.Cpu)} |");
        }
        text.AppendLine();
        text.AppendLine("In process, against bare Durable on the same backend (the processes column: the same count of isolated spawns, in sequence or 32 at once):");
        text.AppendLine();
        text.AppendLine("| backend | case | steps | Durango | bare Durable | processes | Durango per step | bare Durable per activity | Durango overhead per step (less the process) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var b in backends)
        {
            Line($"| {b.Backend} | {b.Case} | {b.Steps} | {Ms(b.Durango)} | {Ms(b.Durable)} | {Ms(b.Processes)} | {b.DurangoPerStep:0.00} ms | {b.DurablePerActivity:0.00} ms | {b.OverheadPerStep:0.00} ms |");
        }

        text.AppendLine();
        Line($"Host start in process: {string.Join(", ", startups.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Startup.TotalMilliseconds:0} ms {s.Backend}")))}.");
        return text.ToString();
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds >= 100
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:N0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.00} ms");

    private static string Ratio(TimeSpan value, TimeSpan baseline) => string.Create(CultureInfo.InvariantCulture, $"{value / baseline:0.00}x");

    private static string Load(double? load) => load is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "unknown";
}
