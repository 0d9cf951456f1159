using System.Diagnostics;
using System.Net;
using Durango.Embedded;
using Durango.Server.Cli;
using Durango.Server.Hosting;
using Durango.Server.Tests.Api;
using Durango.Server.Tests.Cli.Upstream;
using Durango.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Server.Tests.Embedded;

/// <summary>
/// <c>durango delete --all</c> of running workflows on <c>durango serve</c> (in-memory backend), as argo's delete of a
/// running workflow: its steps' processes end, nothing of it is left, its exit handler does not run, and the server
/// carries on at full pace (issue 16: the results of the killed steps reached deleted instances, DTFx's dispatcher
/// failed on them and backed off, and every later workflow crawled).
/// </summary>
public sealed class DeleteRunningWorkflowTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private readonly E2eCliFiles _files = new();
    private readonly string _root = Path.Combine("/var/tmp", "durango-serve-tests", Guid.NewGuid().ToString("N"));
    private ServeHost? _host;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(_root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(_root, "logs"),
        }).Build();
        _host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", null);
        _host.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _files.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task DeleteAll_RunningWorkflows_StepsEndNothingLeftNoExitHandler()
    {
        var running = new List<(string Name, Task Ended, string ExitMarker)>();
        var steps = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            // The step holds a FIFO open for writing until its processes end: the test's read then sees end of file.
            var fifo = Path.Combine(_files.Directory, $"step-{i}.fifo");
            MakeFifo(fifo);
            var marker = Path.Combine(_files.Directory, $"exit-{i}");
            var name = await SubmitAsync($$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: doomed-}
                spec:
                  entrypoint: main
                  onExit: exit
                  templates:
                    - name: main
                      steps:
                        - - {name: a, template: hold}
                        - - {name: b, template: hold}
                    - name: hold
                      container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["exec 3>{{fifo}}; sleep 600"]}
                    - name: exit
                      container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["touch {{marker}}"]}
                """);
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            running.Add((name, Task.Run(() => ReadToEndAsync(fifo, opened)), marker));
            steps.Add(opened.Task);
        }

        await Task.WhenAll(steps).WaitAsync(EngineHarness.Patience);

        var delete = await DurangoAsync("delete", "--all");

        Assert.True(delete.ExitCode == 0, delete.Stderr);
        var client = _host!.Services.GetRequiredService<DurableTaskClient>();
        foreach (var (name, ended, _) in running)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/workflows/argo/{name}")).StatusCode);
            Assert.Empty(await InstancesAsync(client, name));
            await ended.WaitAsync(EngineHarness.Patience);
        }

        // The next workflow (TestWorkflowRetry's) runs to its suspend; by then a dispatcher that failed would have said so.
        var next = await SubmitAsync(E2eCliRetryTests.RetryTest);
        await WorkflowPolling.WaitAsync(_http, next, E2eCliRetryTests.SuspendedAtInnerStep);
        Assert.Empty(_logs.DispatcherFailures);
        Assert.All(running, r => Assert.False(File.Exists(r.ExitMarker), $"{r.Name}'s exit handler ran"));
        Assert.Equal(0, (await DurangoAsync("terminate", next)).ExitCode);
    }

    /// <summary>The durable instances whose ids start with <paramref name="name"/>: the workflow's and its children's.</summary>
    private static async Task<List<string>> InstancesAsync(DurableTaskClient client, string name)
    {
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = name }))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Opens the FIFO (which waits for the step to open it), then reads until every writer has closed it.</summary>
    private static async Task ReadToEndAsync(string fifo, TaskCompletionSource opened)
    {
        await using var reader = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        opened.SetResult();
        var buffer = new byte[64];
        while (await reader.ReadAsync(buffer) > 0)
        {
        }
    }

    private async Task<string> SubmitAsync(string workflow)
    {
        var run = await DurangoAsync("submit", _files.Write($"{Guid.NewGuid():N}.yaml", workflow));
        Assert.True(run.ExitCode == 0, run.Stderr);
        return E2eCliFiles.NameIn(run.Stdout);
    }

    private async Task<CliRun> DurangoAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--server", _host!.Addresses[0]], stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
