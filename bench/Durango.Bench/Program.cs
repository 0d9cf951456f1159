using System.Globalization;
using Durango.Bench;

// The benchmark of issue 12, in one run so that every ratio compares like with like (bench/run.sh runs it and puts
// its report in the README). Progress goes to stderr, the Markdown report to stdout.
//   --cli PATH         the durango executable (default: the Release build of src/Durango.Server)
//   --cli-r2r PATH     a ReadyToRun build of it (dotnet publish -r linux-x64): its start is measured too
//   --start-floor PATH with --cli-r2r: bench/Durango.Bench.StartFloor's ReadyToRun build, timed in turn with that start
//   --runs N           samples per median, after one warm-up (default 5)
//   --chains a,b,c,d   sequential chains for the per-step cost and its growth (default 200,400,1000,2000)
//   --fanout N         items of the withSequence fan-out through the CLI (default 1000)
//   --sequential N, --inprocess-fanout N   the in-process cases against bare Durable (default 200, 500)
//   --azurite | --storage CONNECTION       the in-process cases on Azure Storage too (--azurite starts and stops one)
//   --count-requests DEBUGLOG  with --storage: storage requests per step (Azurite's --debug log) and A/B times only
//   --long-chain N     one chain of N steps (e.g. 10000) through the CLI, for its peak resident set (off by default: minutes)
//   --phases           with --storage or --azurite: where a step of a --sequential chain goes (spans), against bare Durable's, only
//   --dag-storage a,b  with --storage or --azurite: DAG and steps chains of a and b tasks through `durango run --storage`,
//                      the provider's extended sessions off and on, only
var options = Options.Parse(args);
var cli = Path.GetFullPath(options.Get("--cli", Path.Combine(Repository.Root, "src", "Durango.Server", "bin", "Release", "net10.0", "durango")));
if (options.Has("--dag-storage"))
{
    var dagWork = Path.Combine(Path.GetTempPath(), "durango-bench", Guid.NewGuid().ToString("N"));
    var connection = options.Has("--azurite") ? await Azurite.StartAsync(Path.Combine(dagWork, "azurite")) : options.Get("--storage", string.Empty);
    try
    {
        var lengths = options.Get("--dag-storage", "100,300").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Console.Write(await DagCases.MeasureAsync(cli, connection, lengths[0], lengths[1], new Samples(options.Int("--runs", 3)), dagWork, Console.Error));
    }
    finally
    {
        if (options.Has("--azurite"))
        {
            await Azurite.StopAsync(Path.Combine(dagWork, "azurite"));
        }

        Directory.Delete(dagWork, recursive: true);
    }

    return 0;
}

if (options.Has("--phases"))
{
    var phaseWork = Path.Combine(Path.GetTempPath(), "durango-bench", Guid.NewGuid().ToString("N"));
    var connection = options.Has("--azurite") ? await Azurite.StartAsync(phaseWork) : options.Get("--storage", string.Empty);
    try
    {
        Console.Write(await PhaseCases.MeasureAsync(connection, options.Int("--sequential", 30), options.Int("--runs", 5)));
    }
    finally
    {
        if (options.Has("--azurite"))
        {
            await Azurite.StopAsync(phaseWork);
            Directory.Delete(phaseWork, recursive: true);
        }
    }

    return 0;
}

if (options.Has("--count-requests"))
{
    // --count-requests DEBUGLOG --storage CONNECTION: requests and history events per step, and A/B times, on Azurite.
    Console.Write(await CountCases.MeasureAsync(
        options.Get("--storage", string.Empty), options.Get("--count-requests", string.Empty), options.Int("--sequential", 30), options.Int("--inprocess-fanout", 30), options.Int("--runs", 5), options.Has("--compare-sessions")));
    return 0;
}

var culture = CultureInfo.InvariantCulture;
var samples = new Samples(options.Int("--runs", 5));
var chains = options.Get("--chains", "200,400,1000,2000").Split(',').Select(c => int.Parse(c, culture)).ToArray();
var work = Path.Combine(Path.GetTempPath(), "durango-bench", Guid.NewGuid().ToString("N"));
var loadBefore = Machine.LoadAverage();

var readyToRun = options.Has("--cli-r2r") ? Path.GetFullPath(options.Get("--cli-r2r", string.Empty)) : null;
var startFloor = options.Has("--start-floor") ? Path.GetFullPath(options.Get("--start-floor", string.Empty)) : null;
var figures = await CliCases.MeasureAsync(cli, readyToRun, startFloor, chains, options.Int("--fanout", 1000), samples, work, Console.Error);
await Console.Error.WriteLineAsync("the process runtime alone");
var longChain = options.Int("--long-chain", 0) is > 0 and var longSteps
    ? await LongChain.MeasureAsync(cli, longSteps, work, Console.Error)
    : null;
var spawn = await SpawnCases.MeasureAsync(200, figures.IsolatedCommand, samples, Path.Combine(work, "spawn"));
var backends = new List<BackendFigures>();
var startups = new List<(string Backend, TimeSpan Startup)>();
var storage = options.Get("--storage", null!);
string? azurite = null;
try
{
    if (options.Has("--azurite"))
    {
        azurite = Path.Combine(work, "azurite");
        storage = await Azurite.StartAsync(azurite);
    }

    foreach (var backend in storage is null ? [null] : new[] { null, storage })
    {
        await Console.Error.WriteLineAsync($"in-process: {(backend is null ? "in-memory" : "Azure Storage")}");
        var (measured, startup) = await InProcessCases.MeasureAsync(backend, options.Int("--sequential", 200), options.Int("--inprocess-fanout", 500), figures.IsolatedCommand, samples);
        backends.AddRange(measured);
        startups.Add((measured[0].Backend, startup));
    }
}
finally
{
    if (azurite is not null)
    {
        await Azurite.StopAsync(azurite);
    }

    Directory.Delete(work, recursive: true);
}

Console.Write(Report.Render(figures, spawn, chains, backends, startups, samples.Runs, loadBefore, Machine.LoadAverage(), longChain));
return 0;
