using System.Net.Http.Json;
using System.Text;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// Two <c>durango serve</c> hosts on one task hub on Azurite. Host A runs the step that holds a mutex while another
/// workflow's step waits for it; A is killed with SIGKILL. The lock is an orchestration on the shared task hub and the
/// holder is a durable workflow, not a process: host B takes over A's partitions, runs the cut-off step again, the
/// holder gives the mutex back and the waiter gets it and completes. Steps write their start and end (with the host's
/// work directory) to a marks file; the assertions read that order, never the clock.
/// </summary>
public sealed class LockCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _hub = AzuriteFixture.NewTaskHub("lockcrash");
    private readonly string _root = Path.Combine("/var/tmp", "durango-lockcrash-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ServeProcess> _hosts = [];

    private string Marks => Path.Combine(_root, "marks.txt");

    private string Gate => Path.Combine(_root, "gate");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task HostHoldingAMutex_KilledWithSigkill_LockIsReleasedAndTheWaiterCompletes()
    {
        var a = await StartAsync("host-a");
        using var http = RetryAfterHandler.Client(a.BaseUrl);
        var first = await SubmitAsync(http);
        var second = await SubmitAsync(http);

        // One of them holds the mutex and runs on A (the only host); the other waits, Pending with Argo's message.
        await Eventually.HoldsAsync(() => File.Exists(Marks) && File.ReadAllLines(Marks).Length == 1, "the holder's step to start");
        var waiter = await Eventually.ValueAsync(async () =>
        {
            foreach (var name in new[] { first, second })
            {
                var view = await GetAsync(http, name);
                if (view.HasNode("hold") && view.Node("hold").Phase == NodePhase.Pending && view.Status.Synchronization?.Mutex?.Waiting is { Count: 1 })
                {
                    return view;
                }
            }

            return null;
        }, "a waiter");
        Assert.Equal("Waiting for argo/Mutex/crash-lock lock. Lock status: 0/1", waiter.Node("hold").Message);
        var holder = waiter.Metadata.Name == first ? second : first;
        Assert.StartsWith($"argo/{holder}/", waiter.Status.Synchronization!.Mutex!.Waiting![0].Holder, StringComparison.Ordinal);
        Assert.Contains("/host-a/", File.ReadAllLines(Marks)[0], StringComparison.Ordinal);

        var b = await StartAsync("host-b");
        await a.KillAsync();
        await File.WriteAllTextAsync(Gate, "open");

        using var httpB = RetryAfterHandler.Client(b.BaseUrl);
        var holderView = await WorkflowPolling.WaitAsync(httpB, holder, v => v.Status.Phase.IsFinished());
        var waiterView = await WorkflowPolling.WaitAsync(httpB, waiter.Metadata.Name, v => v.Status.Phase.IsFinished());
        Assert.Equal(WorkflowPhase.Succeeded, holderView.Status.Phase);
        Assert.Equal(WorkflowPhase.Succeeded, waiterView.Status.Phase);

        // A's cut-off start has no end; after it, the holder ran again on B and the waiter after it, never at once.
        var marks = File.ReadAllLines(Marks);
        output.WriteLine(string.Join('\n', marks));
        Assert.Equal($"start {holder}", Word(marks[0]));
        Assert.Equal(
            [$"start {holder}", $"end {holder}", $"start {waiter.Metadata.Name}", $"end {waiter.Metadata.Name}"],
            marks.Skip(1).Select(Word));
        Assert.All(marks.Skip(1), m => Assert.Contains("/host-b/", m, StringComparison.Ordinal));
    }

    /// <summary>A mark without its work directory: <c>start NAME</c>, <c>end NAME</c>.</summary>
    private static string Word(string mark) => string.Join(' ', mark.Split(' ').Take(2));

    private async Task<string> SubmitAsync(HttpClient http)
    {
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lockcrash-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: hold, template: hold}
                - name: hold
                  synchronization:
                    mutexes: [{name: crash-lock}]
                  container:
                    image: alpine
                    command: [sh, -c, "echo start {{workflow.name}} $(pwd) >> {{{Marks}}}; while [ ! -f {{{Gate}}} ]; do sleep 0.1; done; echo end {{workflow.name}} $(pwd) >> {{{Marks}}}"]
            """;
        using var response = await http.PostAsync("/api/v1/workflows/argo", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
    }

    private static async Task<WorkflowView> GetAsync(HttpClient http, string name) =>
        (await http.GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/argo/{name}", WorkflowJson.Options))!;

    private async Task<ServeProcess> StartAsync(string workerId)
    {
        var host = await ServeProcess.StartAsync(["--storage", azurite.Server.ConnectionString, "--task-hub", _hub], new Dictionary<string, string>
        {
            ["Durango__Partitions"] = "4",
            ["Durango__WorkerId"] = workerId,
            ["Durango__WorkDirectory"] = Path.Combine(_root, workerId),
        });
        _hosts.Add(host);
        return host;
    }
}
