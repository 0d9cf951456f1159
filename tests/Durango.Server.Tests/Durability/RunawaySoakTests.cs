using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// The runaways of the hardening issue beside a small canary, on one <c>durango serve</c> (its own process, in-memory
/// backend), with the server's resident memory sampled throughout: a template that calls itself, a
/// <c>withSequence</c> of 100,000, a sprig.repeat bomb, and a 2,000-step fan-out of long steps that is terminated.
/// The canary succeeds, the runaways end with their messages, the terminated steps end and no queued one starts,
/// and the server's peak RSS stays under <see cref="RssBoundBytes"/>.
/// </summary>
public sealed class RunawaySoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The bound on the server's peak resident memory: about 4x an idle server.</summary>
    private const long RssBoundBytes = 600L * 1024 * 1024;

    private readonly string _root = Path.Combine("/var/tmp", "durango-soak-tests", Guid.NewGuid().ToString("N"));
    private ServeProcess? _serve;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _serve = await ServeProcess.StartAsync([], new Dictionary<string, string>
        {
            ["Durango__WorkDirectory"] = Path.Combine(_root, "work"),
            // A safety net for the shared build machine, well above the bound: a bomb that escapes the limits fails
            // this test on the bound (or with an out-of-memory error) instead of taking the machine's memory.
            ["DOTNET_GCHeapHardLimit"] = "0x60000000",
        });
        _http = RetryAfterHandler.Client(_serve.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Runaways_BesideACanary_CanarySucceedsRunawaysEndWithTheirMessagesMemoryStaysBounded()
    {
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakRssAsync(_serve!.Pid, sampling.Token);

        var recursion = await SubmitAsync("recursion", """
            templates:
              - name: main
                steps:
                  - - {name: work, template: echo}
                  - - {name: again, template: main}
            """);
        var sequence = await SubmitAsync("sequence", """
            templates:
              - name: main
                steps:
                  - - {name: each, template: echo, withSequence: {count: "100000"}}
            """);
        var bomb = await SubmitAsync("bomb", """
            templates:
              - name: main
                steps:
                  - - name: big
                      template: show
                      arguments: {parameters: [{name: text, value: "{{=sprig.repeat(10000, sprig.repeat(10000, 'aaaaaaaaaa'))}}"}]}
              - name: show
                inputs: {parameters: [{name: text}]}
                container: {image: alpine, command: [sh, -c, 'echo "{{inputs.parameters.text}}" | wc -c']}
            """);
        var fanOut = await SubmitAsync("fanout", """
            templates:
              - name: main
                steps:
                  - - {name: each, template: long, withSequence: {count: "2000"}}
              - name: long
                container: {image: alpine, command: [sleep, "61"]}
            """);
        await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "61"), "the fan-out's steps");

        var canary = await SubmitAsync("canary", """
            templates:
              - name: main
                steps:
                  - - {name: one, template: echo}
                  - - {name: two, template: echo}
                  - - {name: three, template: echo}
            """);
        Assert.Equal(WorkflowPhase.Succeeded, (await EndAsync(canary)).Status.Phase);

        var terminate = await _http.PutAsync($"/api/v1/workflows/argo/{fanOut}/terminate", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True(terminate.IsSuccessStatusCode, $"terminate: {terminate.StatusCode} {await terminate.Content.ReadAsStringAsync()}\n{_serve.Output}");
        await Eventually.HoldsAsync(() => !HostProcesses.Running("sleep", "61"), "the terminated fan-out's steps to end");

        var recursed = await EndAsync(recursion);
        Assert.Equal(WorkflowPhase.Failed, recursed.Status.Phase);
        Assert.StartsWith("Maximum recursion depth exceeded", recursed.Status.Message, StringComparison.Ordinal);
        var sequenced = await EndAsync(sequence);
        Assert.Equal(WorkflowPhase.Failed, sequenced.Status.Phase);
        Assert.Equal("withSequence has 100000 items, more than 10000 (Durango:Limits:MaxLoopItems)", sequenced.Status.Message);
        var terminated = await EndAsync(fanOut);
        Assert.Equal("Stopped with strategy 'Terminate'", terminated.Status.Message);
        var bombed = await EndAsync(bomb);

        // Nothing of the terminated fan-out started after it: no step of it runs now that everything else has ended.
        Assert.False(HostProcesses.Running("sleep", "61"));
        await sampling.CancelAsync();
        var peakBytes = await peak;
        output.WriteLine($"peak RSS of durango serve: {peakBytes / (1024 * 1024)} MB (bound {RssBoundBytes / (1024 * 1024)} MB)");
        output.WriteLine($"bomb: {bombed.Status.Phase}: {bombed.Status.Message}");
        Assert.True(bombed.Status.Phase is WorkflowPhase.Failed or WorkflowPhase.Error, $"the bomb ended {bombed.Status.Phase}");
        Assert.False(string.IsNullOrEmpty(bombed.Status.Message));
        Assert.True(peakBytes < RssBoundBytes, $"peak RSS {peakBytes / (1024 * 1024)} MB");
    }

    private async Task<string> SubmitAsync(string prefix, string spec)
    {
        var yaml = $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {"{"}generateName: {prefix}-{"}"}
            spec:
              entrypoint: main
            {Indent(spec)}
                - name: echo
                  container: {"{"}image: alpine, command: [echo, hi]{"}"}
            """;
        var response = await _http.PostAsync("/api/v1/workflows/argo", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "  " + line));

    private async Task<WorkflowView> EndAsync(string name)
    {
        try
        {
            return await WorkflowPolling.WaitAsync(_http, name, v => v.Status.Phase.IsFinished());
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException)
        {
            throw new InvalidOperationException($"{e.Message}; server exit code {_serve?.ExitCode}, output:\n{_serve?.Output}", e);
        }
    }

    /// <summary>The largest VmRSS of process <paramref name="pid"/> seen every 50 ms until <paramref name="stop"/>.</summary>
    private static async Task<long> SamplePeakRssAsync(int pid, CancellationToken stop)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    peak = Math.Max(peak, kb * 1024);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the test.
        }

        return peak;
    }
}
