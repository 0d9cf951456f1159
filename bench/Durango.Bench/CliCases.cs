using System.Globalization;

namespace Durango.Bench;

/// <summary>What the CLI's whole processes cost, and the shell's spawns they are compared with, all medians of one run.</summary>
/// <param name="Lint">One <c>durango lint</c> of the one-step workflow.</param>
/// <param name="RunOne">One <c>durango run --output json</c> of it.</param>
/// <param name="Chains">A <c>durango run</c> of each sequential chain, by its length.</param>
/// <param name="FanOutItems">The fan-out's items.</param>
/// <param name="FanOut">A <c>durango run</c> of the fan-out.</param>
/// <param name="SpawnBare">A shell's spawn of <c>/bin/true</c>.</param>
/// <param name="SpawnIsolated">A shell's spawn of <c>/bin/true</c> with the process runtime's isolation.</param>
/// <param name="IsolatedCommand">That spawn's command line.</param>
internal sealed record CliFigures(
    TimeSpan Lint, TimeSpan RunOne, IReadOnlyDictionary<int, TimeSpan> Chains, int FanOutItems, TimeSpan FanOut,
    TimeSpan SpawnBare, TimeSpan SpawnIsolated, string IsolatedCommand)
{
    /// <summary>With <c>--cli-r2r</c>: <c>durango lint</c> and <c>durango run</c> of one step by the ReadyToRun build.</summary>
    public (TimeSpan Lint, TimeSpan RunOne)? ReadyToRun { get; init; }

    /// <summary>
    /// With <c>--start-floor</c>: Durable Task alone running the one step (bench/Durango.Bench.StartFloor, ReadyToRun),
    /// sampled in turn with <see cref="ReadyToRun"/>'s two.
    /// </summary>
    public TimeSpan? StartFloor { get; init; }

    /// <summary>The cost of one more step in a chain from <paramref name="from"/> to <paramref name="to"/> steps: start-up cancels out.</summary>
    public TimeSpan PerStep(int from, int to) => (Chains[to] - Chains[from]) / (to - from);

    /// <summary>The fan-out, a one-step run and an isolated spawn, sampled in turn.</summary>
    public FanOutCost? FanOutCost { get; init; }

    /// <summary>The cost of one more fan-out item: the fan-out less a one-step run (sampled beside it), per item.</summary>
    public Cost PerItem => FanOutCost is { } c
        ? new Cost((c.FanOut.Wall - c.OneStep.Wall) / FanOutItems, (c.FanOut.Cpu - c.OneStep.Cpu) / FanOutItems)
        : new Cost((FanOut - RunOne) / FanOutItems, TimeSpan.Zero);
}

/// <summary>The fan-out's figures, sampled in turn so that they share the machine's load.</summary>
/// <param name="FanOut">A <c>durango run</c> of the fan-out (wall-clock, and CPU of the CLI with its steps).</param>
/// <param name="OneStep">A <c>durango run</c> of one step.</param>
/// <param name="Spawn">One of a shell's isolated spawns of <c>/bin/true</c> (a loop of 200, per spawn).</param>
/// <param name="SpawnInParallel">
/// The same 200 isolated spawns by as many shells at once as there are cores, per spawn: how much faster the machine
/// spawns with every core at it, the floor under a fan-out of processes.
/// </param>
internal sealed record FanOutCost(Cost FanOut, Cost OneStep, Cost Spawn, Cost SpawnInParallel);

/// <summary>
/// The CLI as a user runs it: <c>durango lint</c> and <c>durango run</c> as whole processes (start-up, the embedded
/// host, the workflow, the exit), and a shell's spawns of <c>/bin/true</c> with and without the runtime's isolation.
/// </summary>
internal static class CliCases
{
    private const int SpawnsPerLoop = 200;

    /// <summary>
    /// Measures everything with the CLI at <paramref name="cli"/> (and the start with <paramref name="readyToRun"/> too,
    /// when given, beside <paramref name="startFloor"/>'s when given as well); the workflows are written under
    /// <paramref name="directory"/>.
    /// </summary>
    public static async Task<CliFigures> MeasureAsync(
        string cli, string? readyToRun, string? startFloor, IReadOnlyList<int> chains, int fanOut, Samples samples, string directory, TextWriter progress)
    {
        Directory.CreateDirectory(directory);
        var one = await WriteAsync(directory, "one.yaml", Workflows.OneStep()).ConfigureAwait(false);
        var fan = await WriteAsync(directory, $"fan-{fanOut}.yaml", Workflows.FanOut(fanOut)).ConfigureAwait(false);

        static Func<Task<TimeSpan>> Once(string program, params string[] arguments) => () => Samples.TimeAsync(() => Processes.RunAsync(program, arguments));

        await progress.WriteLineAsync("spawns: a shell's /bin/true, bare and isolated").ConfigureAwait(false);
        var isolated = await Processes.IsolatedTrueAsync().ConfigureAwait(false);
        var (spawnBare, spawnIsolated) = await samples.MedianPairAsync(
            () => Processes.ShellLoopAsync("/bin/true", SpawnsPerLoop), () => Processes.ShellLoopAsync(isolated, SpawnsPerLoop)).ConfigureAwait(false);

        await progress.WriteLineAsync("cli: lint and run of one step").ConfigureAwait(false);
        var (lint, runOne) = await samples.MedianPairAsync(Once(cli, "lint", one), Once(cli, "run", one, "--output", "json")).ConfigureAwait(false);
        (TimeSpan, TimeSpan)? precompiled = null;
        TimeSpan? floor = null;
        if (readyToRun is not null)
        {
            static Func<Task<Cost>> Costed(string program, params string[] arguments) => () => Samples.CostAsync(() => Processes.RunAsync(program, arguments));
            var starts = new List<Func<Task<Cost>>> { Costed(readyToRun, "lint", one), Costed(readyToRun, "run", one, "--output", "json") };
            if (startFloor is not null)
            {
                starts.Add(Costed(startFloor, one));
            }

            var medians = await samples.MedianCostsAsync([.. starts]).ConfigureAwait(false);
            precompiled = (medians[0].Wall, medians[1].Wall);
            floor = startFloor is null ? null : medians[2].Wall;
        }

        // Chains in pairs (200 and 400, 1,000 and 2,000), sampled in turn: their difference is the figure, so a change in
        // the machine's load between them must not land on one side only.
        var chainTimes = new Dictionary<int, TimeSpan>();
        for (var i = 0; i + 1 < chains.Count; i += 2)
        {
            var (shorter, longer) = (chains[i], chains[i + 1]);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cli: chains of {shorter} and {longer} steps")).ConfigureAwait(false);
            var first = await WriteAsync(directory, $"seq-{shorter}.yaml", Workflows.Sequential(shorter)).ConfigureAwait(false);
            var second = await WriteAsync(directory, $"seq-{longer}.yaml", Workflows.Sequential(longer)).ConfigureAwait(false);
            (chainTimes[shorter], chainTimes[longer]) = await samples.MedianPairAsync(
                Once(cli, "run", first, "--output", "json"), Once(cli, "run", second, "--output", "json")).ConfigureAwait(false);
        }

        // The fan-out, a one-step run, a shell's 200 isolated spawns and the same spawns by a shell per core in turn: an
        // item's cost is the fan-out less the one step, per item, in wall-clock and in CPU time, each beside a spawn's
        // measured under the same load.
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cli: a fan-out of {fanOut} items, one step and isolated spawns in turn")).ConfigureAwait(false);
        var costs = await samples.MedianCostsAsync(
            () => Samples.CostAsync(() => Processes.RunAsync(cli, ["run", fan, "--output", "json"])),
            () => Samples.CostAsync(() => Processes.RunAsync(cli, ["run", one, "--output", "json"])),
            () => Samples.CostAsync(() => Processes.ShellLoopAsync(isolated, SpawnsPerLoop)),
            () => Samples.CostAsync(() => Processes.ShellLoopsAsync(isolated, SpawnsPerLoop, Environment.ProcessorCount))).ConfigureAwait(false);
        return new CliFigures(lint, runOne, chainTimes, fanOut, costs[0].Wall, spawnBare, spawnIsolated, isolated)
        {
            ReadyToRun = precompiled,
            StartFloor = floor,
            FanOutCost = new FanOutCost(costs[0], costs[1], costs[2].Per(SpawnsPerLoop), costs[3].Per(SpawnsPerLoop)),
        };
    }

    private static async Task<string> WriteAsync(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
        return path;
    }
}
