using System.Diagnostics;
using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Bench;

/// <summary>One backend's figures: Durango's workflow, the same count of bare Durable no-op activities, and of isolated spawns.</summary>
/// <param name="Backend">"in-memory" or "Azure Storage (Azurite)".</param>
/// <param name="Case">"sequential" or "fan-out".</param>
/// <param name="Steps">Steps (or items).</param>
/// <param name="Durango">The workflow, by the backend's own timestamps.</param>
/// <param name="Durable">The bare activities.</param>
/// <param name="Processes">The isolated spawns, in sequence or 32 at once (the default parallelism).</param>
internal sealed record BackendFigures(string Backend, string Case, int Steps, TimeSpan Durango, TimeSpan Durable, TimeSpan Processes)
{
    /// <summary>Durango's cost per step beyond its process.</summary>
    public double OverheadPerStep => (Durango - Processes).TotalMilliseconds / Steps;

    /// <summary>A bare Durable activity's cost.</summary>
    public double DurablePerActivity => Durable.TotalMilliseconds / Steps;

    /// <summary>Durango's whole cost per step.</summary>
    public double DurangoPerStep => Durango.TotalMilliseconds / Steps;
}

/// <summary>
/// Durango against bare Durable on the same backend, in this process (the embedded host, started once): each step a
/// <c>true</c> process with the runtime's isolation, each bare activity a no-op.
/// </summary>
internal static class InProcessCases
{
    /// <summary>The sequential and fan-out cases on the backend <paramref name="storage"/> names (null: in memory).</summary>
    public static async Task<(IReadOnlyList<BackendFigures> Figures, TimeSpan Startup)> MeasureAsync(
        string? storage, int sequential, int fanOut, string isolatedCommand, Samples samples)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var backend = new EmbeddedBackendOptions
        {
            Storage = storage,
            TaskHub = "bench" + Guid.NewGuid().ToString("N")[..8],
            ExtraTasks = new TaskTypes(
                [(BareTasks.Sequential, typeof(BareSequentialOrchestrator)), (BareTasks.FanOut, typeof(BareFanOutOrchestrator))],
                [(BareTasks.Noop, typeof(BareNoopActivity))]),
        };
        var started = Stopwatch.StartNew();
        await using var runtime = await EmbeddedRuntime.StartAsync(configuration, backend).ConfigureAwait(false);
        var startup = started.Elapsed;
        var client = runtime.Services.GetRequiredService<DurableTaskClient>();
        var name = storage is null ? "in-memory" : "Azure Storage (Azurite)";
        var argv = isolatedCommand.Split(' ');
        return ([
            new BackendFigures(name, "sequential", sequential,
                await samples.MedianAsync(() => RunWorkflowAsync(runtime.Workflows, client, Workflows.Sequential(sequential))).ConfigureAwait(false),
                await samples.MedianAsync(() => RunBareAsync(client, BareTasks.Sequential, sequential)).ConfigureAwait(false),
                await samples.MedianAsync(() => SpawnAsync(argv, sequential, concurrency: 1)).ConfigureAwait(false)),
            new BackendFigures(name, "fan-out", fanOut,
                await samples.MedianAsync(() => RunWorkflowAsync(runtime.Workflows, client, Workflows.FanOut(fanOut))).ConfigureAwait(false),
                await samples.MedianAsync(() => RunBareAsync(client, BareTasks.FanOut, fanOut)).ConfigureAwait(false),
                await samples.MedianAsync(() => SpawnAsync(argv, fanOut, concurrency: 32)).ConfigureAwait(false)),
        ], startup);
    }

    internal static async Task<TimeSpan> RunWorkflowAsync(WorkflowService workflows, DurableTaskClient client, string yaml)
    {
        var outcome = await workflows.SubmitAsync(new SubmitRequest(yaml, "bench.yaml", [])).ConfigureAwait(false);
        if (outcome.Status != SubmitStatus.Accepted)
        {
            throw new InvalidOperationException(outcome.Message);
        }

        var done = await client.WaitForInstanceCompletionAsync(outcome.Name!).ConfigureAwait(false);
        var view = await workflows.GetAsync(outcome.Name!).ConfigureAwait(false);
        if (view?.Status.Phase != Engine.Model.WorkflowPhase.Succeeded)
        {
            throw new InvalidOperationException($"{outcome.Name} ended {view?.Status.Phase}: {view?.Status.Message}");
        }

        // The backend's own timestamps: no waiting delay in the figure.
        return done.LastUpdatedAt - done.CreatedAt;
    }

    internal static async Task<TimeSpan> RunBareAsync(DurableTaskClient client, string orchestrator, int count)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, count).ConfigureAwait(false);
        var done = await client.WaitForInstanceCompletionAsync(id).ConfigureAwait(false);
        return done.LastUpdatedAt - done.CreatedAt;
    }

    private static async Task<TimeSpan> SpawnAsync(string[] argv, int count, int concurrency)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await Processes.RunAsync(argv[0], argv[1..]).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return clock.Elapsed;
    }
}
