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
// median of several runs measured in this one process, so the ratios compare like with like.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a, p => p.i + 1 < args.Length ? args[p.i + 1] : string.Empty, StringComparer.Ordinal);
int Option(string name, int fallback) => options.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;
var sequential = Option("--sequential", 200);
var fanOut = Option("--fanout", 500);
var runs = Option("--runs", 3);

var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
var backend = new EmbeddedBackendOptions
{
    Storage = options.GetValueOrDefault("--storage"),
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

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"backend: {(backend.Storage is null ? "in-memory" : "Azure Storage")}; {Environment.ProcessorCount} cores; median of {runs} runs; host start {startup.TotalMilliseconds:0} ms");
report.AppendLine("| case | steps | Durango | bare Durable | processes | Durango overhead per step | bare Durable per activity | overhead ratio (Durango / Durable) |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
foreach (var (name, steps, durango, durable, processes) in results)
{
    var overhead = (durango - processes).TotalMilliseconds / steps;
    var perActivity = durable.TotalMilliseconds / steps;
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {name} | {steps} | {durango.TotalMilliseconds:0} ms | {durable.TotalMilliseconds:0} ms | {processes.TotalMilliseconds:0} ms | {overhead:0.00} ms | {perActivity:0.00} ms | {overhead / perActivity:0.0}x |");
}

report.AppendLine(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
Console.Write(report);
return 0;

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
