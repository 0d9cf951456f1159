using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Durango.Embedded;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Bench;

/// <summary>
/// What a step costs on Azure Storage in requests and history events (<c>--count-requests DEBUGLOG</c>, with
/// <c>--storage</c> pointing at an Azurite started with <c>--debug DEBUGLOG</c>), and the in-process times of Durango's
/// chain and fan-out against bare Durable's, sampled in turn (A, B, A, B, ...). With <c>--compare-sessions</c>, the
/// same with the provider's extended sessions off and on, each on a task hub of its own, hosts started side by side.
/// </summary>
internal static class CountCases
{
    private sealed record Host(string Label, EmbeddedRuntime Runtime, DurableTaskClient Client, TableClient History)
    {
        public (string Name, int Steps, Func<Task<TimeSpan>> Run)[] Cases(int sequential, int fanOut) =>
        [
            ($"{Label}: Durango chain of {sequential}", sequential, () => InProcessCases.RunWorkflowAsync(Runtime.Workflows, Client, Workflows.Sequential(sequential))),
            ($"{Label}: bare Durable chain of {sequential}", sequential, () => InProcessCases.RunBareAsync(Client, BareTasks.Sequential, sequential)),
            ($"{Label}: Durango fan-out of {fanOut}", fanOut, () => InProcessCases.RunWorkflowAsync(Runtime.Workflows, Client, Workflows.FanOut(fanOut))),
            ($"{Label}: bare Durable fan-out of {fanOut}", fanOut, () => InProcessCases.RunBareAsync(Client, BareTasks.FanOut, fanOut)),
        ];
    }

    public static async Task<string> MeasureAsync(string storage, string debugLog, int sequential, int fanOut, int runs, bool compareSessions)
    {
        var hosts = new List<Host>();
        var settings = compareSessions ? new[] { false, true } : [new EmbeddedBackendOptions().ExtendedSessions ?? false];
        try
        {
            foreach (var sessions in settings)
            {
                hosts.Add(await StartAsync(storage, sessions ? "extended sessions" : "no extended sessions", sessions).ConfigureAwait(false));
            }

            var requests = new StorageRequests(debugLog);
            var text = new StringBuilder();
            foreach (var host in hosts)
            {
                // Warm up both, then count one run of each.
                await InProcessCases.RunWorkflowAsync(host.Runtime.Workflows, host.Client, Workflows.Sequential(3)).ConfigureAwait(false);
                await InProcessCases.RunBareAsync(host.Client, BareTasks.Sequential, 3).ConfigureAwait(false);
                foreach (var (name, steps, run) in host.Cases(sequential, fanOut))
                {
                    await host.History.DeleteAsync().ConfigureAwait(false);
                    await host.History.CreateIfNotExistsAsync().ConfigureAwait(false);
                    requests.Mark();
                    var took = await run().ConfigureAwait(false);
                    text.Append(StorageRequests.Render(string.Create(CultureInfo.InvariantCulture, $"{name} ({took.TotalMilliseconds:F0} ms)"), requests.Take(), steps));
                    text.AppendLine(await HistoryRowsAsync(host.History, steps).ConfigureAwait(false));
                    text.AppendLine();
                }
            }

            // Times, sampled in turn so that the load weighs on every case alike.
            var timed = hosts.SelectMany(h => h.Cases(sequential, fanOut)).ToList();
            var samples = timed.Select(_ => new List<double>()).ToList();
            for (var i = 0; i < runs; i++)
            {
                for (var c = 0; c < timed.Count; c++)
                {
                    samples[c].Add((await timed[c].Run().ConfigureAwait(false)).TotalMilliseconds / timed[c].Steps);
                }
            }

            for (var c = 0; c < timed.Count; c += 2)
            {
                double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
                string All(List<double> xs) => string.Join(' ', xs.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{timed[c].Name}: {Median(samples[c]):F1} ms per step [{All(samples[c])}]; bare: {Median(samples[c + 1]):F1} ms per activity [{All(samples[c + 1])}]; ratio {Median(samples[c]) / Median(samples[c + 1]):F2}x"));
            }

            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"load at the end: {Machine.LoadAverage()}"));
            return text.ToString();
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.Runtime.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<Host> StartAsync(string storage, string label, bool sessions)
    {
        var hub = "bench" + Guid.NewGuid().ToString("N")[..8];
        var backend = new EmbeddedBackendOptions
        {
            Storage = storage,
            TaskHub = hub,
            ExtendedSessions = sessions,
            ExtraTasks = new TaskTypes(
                [(BareTasks.Sequential, typeof(BareSequentialOrchestrator)), (BareTasks.FanOut, typeof(BareFanOutOrchestrator))],
                [(BareTasks.Noop, typeof(BareNoopActivity))]),
        };
        var runtime = await EmbeddedRuntime.StartAsync(new ConfigurationBuilder().AddInMemoryCollection().Build(), backend).ConfigureAwait(false);
        return new Host(label, runtime, runtime.Services.GetRequiredService<DurableTaskClient>(), new TableServiceClient(storage).GetTableClient(hub + "History"));
    }

    private static async Task<string> HistoryRowsAsync(TableClient history, int steps)
    {
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in history.QueryAsync<TableEntity>(select: ["EventType"]).ConfigureAwait(false))
        {
            var type = row.GetString("EventType") ?? "(sentinel)";
            byType[type] = byType.GetValueOrDefault(type) + 1;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"  history rows left at the end: {byType.Values.Sum()} ({byType.Values.Sum() / (double)steps:F2} per step): {string.Join(", ", byType.Select(t => $"{t.Key} {t.Value}"))}");
    }
}
