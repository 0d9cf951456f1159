using System.Diagnostics;
using System.Globalization;
using System.Text;
using Durango.Api.Workflows;
using Durango.Bench;
using Durango.Embedded;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Whole-workflow timings: a sequential workflow of `true` steps and a withItems fan-out, each against the same number
// of bare Durable no-op activities on the same backend and of `true` processes spawned directly. Every figure is the
// median of several runs measured in this one process, so the ratios compare like with like. With an Azure Storage
// account (or --azurite) the same cases run on that backend too, and the per-step overheads are compared.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a, p => p.i + 1 < args.Length ? args[p.i + 1] : string.Empty, StringComparer.Ordinal);
int Option(string name, int fallback) => options.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;
var sequential = Option("--sequential", 200);
var fanOut = Option("--fanout", 500);
var runs = Option("--runs", 3);

// --storage CONNECTION adds the Azure Storage backend; --azurite starts a local Azurite for it (tests/azurite/azurite.sh).
var storage = options.GetValueOrDefault("--storage");
string? azuriteDir = null;
if (options.ContainsKey("--azurite"))
{
    azuriteDir = Path.Combine(Path.GetTempPath(), "durango-bench-azurite", Guid.NewGuid().ToString("N"));
    storage = (await AzuriteAsync("start", azuriteDir)).Trim();
}

var report = new StringBuilder();
var overheads = new List<(string Backend, Dictionary<string, double> PerStep)>();
try
{
    overheads.Add(("in-memory", await MeasureAsync(null, report)));
    if (storage is not null)
    {
        overheads.Add(("Azure Storage", await MeasureAsync(storage, report)));
    }
}
finally
{
    if (azuriteDir is not null)
    {
        await AzuriteAsync("stop", azuriteDir);
    }
}

if (overheads.Count == 2)
{
    report.AppendLine("| case | in-memory overhead per step | Azure Storage overhead per step | ratio (Azure Storage / in-memory) |");
    report.AppendLine("|---|---|---|---|");
    foreach (var (name, memory) in overheads[0].PerStep)
    {
        var azure = overheads[1].PerStep[name];
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {memory:0.00} ms | {azure:0.00} ms | {azure / memory:0.0}x |");
    }
}

Console.Write(report);
return 0;

// One backend's table; returns Durango's overhead per step for each case.
async Task<Dictionary<string, double>> MeasureAsync(string? storageAccount, StringBuilder output)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
    var backend = new EmbeddedBackendOptions
    {
        Storage = storageAccount,
        TaskHub = "bench" + Guid.NewGuid().ToString("N")[..8],
        ExtraTasks = new TaskTypes(
            [(BareTasks.Sequential, typeof(BareSequentialOrchestrator)), (BareTasks.FanOut, typeof(BareFanOutOrchestrator))],
            [(BareTasks.Noop, typeof(BareNoopActivity))]),
    };
    var started = Stopwatch.StartNew();
    await using var runtime = await EmbeddedRuntime.StartAsync(configuration, backend);
    var startup = started.Elapsed;
    var client = runtime.Services.GetRequiredService<DurableTaskClient>();
    var workflows = runtime.Workflows;

    var results = new List<(string Case, int Steps, TimeSpan Durango, TimeSpan Durable, TimeSpan Processes)>
    {
        ("sequential", sequential,
            await MedianAsync(() => RunWorkflowAsync(workflows, client, SequentialYaml(sequential))),
            await MedianAsync(() => RunBareAsync(client, BareTasks.Sequential, sequential)),
            await MedianAsync(() => SpawnAsync(sequential, concurrency: 1))),
        ("fan-out", fanOut,
            await MedianAsync(() => RunWorkflowAsync(workflows, client, FanOutYaml(fanOut))),
            await MedianAsync(() => RunBareAsync(client, BareTasks.FanOut, fanOut)),
            await MedianAsync(() => SpawnAsync(fanOut, concurrency: 64))),
    };

    output.AppendLine(CultureInfo.InvariantCulture, $"backend: {(storageAccount is null ? "in-memory" : "Azure Storage")}; {Environment.ProcessorCount} cores; median of {runs} runs; host start {startup.TotalMilliseconds:0} ms");
    output.AppendLine("| case | steps | Durango | bare Durable | processes | Durango overhead per step | bare Durable per activity | overhead ratio (Durango / Durable) |");
    output.AppendLine("|---|---|---|---|---|---|---|---|");
    var perStep = new Dictionary<string, double>(StringComparer.Ordinal);
    foreach (var (name, steps, durango, durable, processes) in results)
    {
        var overhead = (durango - processes).TotalMilliseconds / steps;
        var perActivity = durable.TotalMilliseconds / steps;
        perStep[name] = overhead;
        output.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {steps} | {durango.TotalMilliseconds:0} ms | {durable.TotalMilliseconds:0} ms | {processes.TotalMilliseconds:0} ms | {overhead:0.00} ms | {perActivity:0.00} ms | {overhead / perActivity:0.0}x |");
    }

    output.AppendLine(CultureInfo.InvariantCulture, $"peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
    output.AppendLine();
    return perStep;
}

static async Task<string> AzuriteAsync(string command, string directory)
{
    var script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "azurite", "azurite.sh");
    var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var arg in new[] { Path.GetFullPath(script), command, directory })
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode == 0 ? output : throw new InvalidOperationException($"azurite.sh {command} failed");
}

async Task<TimeSpan> MedianAsync(Func<Task<TimeSpan>> measure)
{
    await measure(); // warm-up
    var samples = new List<TimeSpan>();
    for (var i = 0; i < runs; i++)
    {
        samples.Add(await measure());
    }

    return samples.Order().ElementAt(samples.Count / 2);
}

static async Task<TimeSpan> RunWorkflowAsync(WorkflowService workflows, DurableTaskClient client, string yaml)
{
    var outcome = await workflows.SubmitAsync(new SubmitRequest(yaml, "bench.yaml", []));
    if (outcome.Status != SubmitStatus.Accepted)
    {
        throw new InvalidOperationException(outcome.Message);
    }

    var done = await client.WaitForInstanceCompletionAsync(outcome.Name!);
    var view = await workflows.GetAsync(outcome.Name!);
    if (view?.Status.Phase != Durango.Engine.Model.WorkflowPhase.Succeeded)
    {
        throw new InvalidOperationException($"{outcome.Name} ended {view?.Status.Phase}: {view?.Status.Message}");
    }

    // The backend's own timestamps: no polling delay in the figure.
    return done.LastUpdatedAt - done.CreatedAt;
}

static async Task<TimeSpan> RunBareAsync(DurableTaskClient client, string orchestrator, int count)
{
    var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, count);
    var done = await client.WaitForInstanceCompletionAsync(id);
    return done.LastUpdatedAt - done.CreatedAt;
}

static async Task<TimeSpan> SpawnAsync(int count, int concurrency)
{
    using var gate = new SemaphoreSlim(concurrency);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
    {
        await gate.WaitAsync();
        try
        {
            using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            await process.WaitForExitAsync();
        }
        finally
        {
            gate.Release();
        }
    }));
    return clock.Elapsed;
}

static string SequentialYaml(int steps) =>
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-seq-}\nspec:\n  entrypoint: main\n  templates:\n"
    + "    - name: main\n      steps:\n"
    + string.Concat(Enumerable.Range(0, steps).Select(i => $"        - - {{name: s{i}, template: noop}}\n"))
    + "    - name: noop\n      container: {image: alpine, command: [\"true\"]}\n";

static string FanOutYaml(int items) =>
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-fan-}\nspec:\n  entrypoint: main\n  templates:\n"
    + "    - name: main\n      steps:\n        - - name: each\n            template: noop\n"
    + $"            withSequence: {{count: \"{items}\"}}\n"
    + "    - name: noop\n      container: {image: alpine, command: [\"true\"]}\n";
