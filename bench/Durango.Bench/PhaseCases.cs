using System.Diagnostics;
using System.Globalization;
using System.Text;
using Durango.Embedded;
using Durango.Engine;
using Durango.Engine.Executors;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Bench;

/// <summary>
/// Where a step's time goes on a backend (<c>--phases</c>, with <c>--storage</c> or <c>--azurite</c>): a Durango chain
/// and a bare Durable chain run in turn, and spans are taken from Durable Task's own activity spans, the HTTP
/// client's request spans and a timing wrapper around the container runtime (the spawn), all in this process and
/// nothing in the product's logs. Per step: the gap between one activity's end and the next one's start (the
/// orchestration's round trip: completion message, history, replay, the next schedule), the activity itself, its blob
/// requests in order, the process, and what is left of the activity (the engine's own work).
/// </summary>
internal static class PhaseCases
{
    private const string SpawnSource = "Durango.Bench.Spawn";
    private static readonly ActivitySource Spawns = new(SpawnSource);

    public static async Task<string> MeasureAsync(string storage, int steps, int runs)
    {
        using var spans = new SpanRecorder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var backend = new EmbeddedBackendOptions
        {
            Storage = storage,
            TaskHub = "bench" + Guid.NewGuid().ToString("N")[..8],
            ExtraTasks = new TaskTypes(
                [(BareTasks.Sequential, typeof(BareSequentialOrchestrator))],
                [(BareTasks.Noop, typeof(BareNoopActivity))]),
        };
        await using var runtime = await EmbeddedRuntime.StartAsync(configuration, backend, extra: services =>
            services.AddSingleton<IContainerRuntime>(sp => new TimedRuntime(
                new ProcessContainerRuntime(sp.GetRequiredService<DurangoOptions>().WorkDirectory, sp.GetRequiredService<StepReaper>())))).ConfigureAwait(false);
        var client = runtime.Services.GetRequiredService<DurableTaskClient>();
        await InProcessCases.RunWorkflowAsync(runtime.Workflows, client, Workflows.Sequential(3)).ConfigureAwait(false);
        await InProcessCases.RunBareAsync(client, BareTasks.Sequential, 3).ConfigureAwait(false);

        var durango = new List<Dictionary<string, double>>();
        var bare = new List<Dictionary<string, double>>();
        var totals = (Durango: new List<double>(), Bare: new List<double>());
        for (var i = 0; i < runs; i++)
        {
            spans.Clear();
            totals.Durango.Add((await InProcessCases.RunWorkflowAsync(runtime.Workflows, client, Workflows.Sequential(steps)).ConfigureAwait(false)).TotalMilliseconds / steps);
            durango.AddRange(Steps(spans.Take(), "DurangoRunLeaf"));
            spans.Clear();
            totals.Bare.Add((await InProcessCases.RunBareAsync(client, BareTasks.Sequential, steps).ConfigureAwait(false)).TotalMilliseconds / steps);
            bare.AddRange(Steps(spans.Take(), BareTasks.Noop));
        }

        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Per step of a {steps}-step chain, {runs} runs, medians over every step (ms); whole chain per step: Durango {Median(totals.Durango):F2}, bare {Median(totals.Bare):F2}; load {Machine.LoadAverage()}"));
        text.AppendLine();
        text.AppendLine("| phase | Durango | bare Durable |");
        text.AppendLine("|---|---|---|");
        foreach (var phase in durango.Concat(bare).SelectMany(s => s.Keys).Distinct())
        {
            string Of(List<Dictionary<string, double>> xs) => !xs.Any(x => x.ContainsKey(phase))
                ? "–"
                : string.Create(CultureInfo.InvariantCulture, $"{Median(xs.Select(x => x.GetValueOrDefault(phase)).ToList()):F2}");
            text.AppendLine($"| {phase} | {Of(durango)} | {Of(bare)} |");
        }

        return text.ToString();
    }

    private static double Median(List<double> xs) => xs.Count == 0 ? double.NaN : xs.Order().ElementAt(xs.Count / 2);

    /// <summary>
    /// Each step's phases. DTFx emits a client span per activity from its schedule to its completion (the orchestration's
    /// timestamps); the blob requests to Durango's containers and the spawn inside that window are the activity's own
    /// (a chain runs one step at a time).
    /// </summary>
    private static IEnumerable<Dictionary<string, double>> Steps(List<Activity> spans, string activity)
    {
        var runs = spans.Where(s => s.Source.Name == "DurableTask.Core" && s.DisplayName.EndsWith(":" + activity, StringComparison.Ordinal))
            .OrderBy(s => s.StartTimeUtc).ToList();
        var requests = spans.Where(s => s.Source.Name == "System.Net.Http" && Url(s) is var url
            && (url.Contains("-nodes/", StringComparison.Ordinal) || url.Contains("-logs/", StringComparison.Ordinal) || url.Contains("-outputs/", StringComparison.Ordinal)))
            .ToList();
        DateTime? previousEnd = null;
        foreach (var run in runs)
        {
            var (from, to) = (run.StartTimeUtc, run.StartTimeUtc + run.Duration);
            var phases = new Dictionary<string, double>(StringComparer.Ordinal);
            if (previousEnd is { } end)
            {
                phases["completed → next scheduled (the orchestration's turn)"] = (from - end).TotalMilliseconds;
            }

            phases["scheduled → completed (the activity's turn)"] = run.Duration.TotalMilliseconds;
            var inside = requests.Concat(spans.Where(s => s.Source.Name is SpawnSource or BareTasks.NoopSource))
                .Where(s => s.StartTimeUtc >= from && s.StartTimeUtc < to).OrderBy(s => s.StartTimeUtc).ToList();
            var at = from;
            var (side, blobs) = ("before", 0);
            foreach (var span in inside)
            {
                var what = span.Source.Name switch
                {
                    SpawnSource => "the process (container runtime)",
                    BareTasks.NoopSource => "the no-op activity runs",
                    _ => $"blob request {++blobs} {side} the process: {Describe(span)}",
                };
                phases[$"  … → {what}"] = (span.StartTimeUtc - at).TotalMilliseconds;
                phases[$"  {what}"] = span.Duration.TotalMilliseconds;
                at = span.StartTimeUtc + span.Duration;
                if (span.Source.Name == SpawnSource)
                {
                    (side, blobs) = ("after", 0);
                }
            }

            phases["  … → completed"] = (to - at).TotalMilliseconds;
            previousEnd = to;
            yield return phases;
        }
    }

    private static string Url(Activity span) => span.GetTagItem("url.full") as string ?? string.Empty;

    private static string Describe(Activity span)
    {
        var method = span.GetTagItem("http.request.method") as string ?? span.DisplayName;
        var url = Url(span);
        var comp = url.Contains("comp=appendblock", StringComparison.OrdinalIgnoreCase) ? "append" : url.Contains("comp=", StringComparison.Ordinal) ? url[url.IndexOf("comp=", StringComparison.Ordinal)..] : string.Empty;
        var blob = url.Split('?')[0];
        var name = blob[(blob.LastIndexOf('/') + 1)..];
        return $"{method} {(name.Contains('.', StringComparison.Ordinal) ? "*" + Path.GetExtension(name) : name)} {comp}".TrimEnd();
    }

    /// <summary>Every span of Durable Task, the HTTP client and the spawn wrapper, kept until taken.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _spans = [];

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is "DurableTask.Core" or "System.Net.Http" or SpawnSource or BareTasks.NoopSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_spans)
                    {
                        _spans.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public void Clear()
        {
            lock (_spans)
            {
                _spans.Clear();
            }
        }

        public List<Activity> Take()
        {
            lock (_spans)
            {
                var taken = _spans.ToList();
                _spans.Clear();
                return taken;
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The process runtime, with a span around each run.</summary>
    private sealed class TimedRuntime(IContainerRuntime inner) : IContainerRuntime
    {
        public string Name => inner.Name;

        public bool SupportsVolumes => inner.SupportsVolumes;

        public string? DaemonAddress => inner.DaemonAddress;

        public bool RunsDaemons => inner.RunsDaemons;

        public bool MovesArtifacts => inner.MovesArtifacts;

        public Task<string?> AddressOfAsync(ContainerRequest request, CancellationToken cancellationToken) => inner.AddressOfAsync(request, cancellationToken);

        public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
        {
            using var span = Spawns.StartActivity("spawn");
            return await inner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
