using System.Net.Http.Json;
using System.Text;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// Two <c>durango serve</c> processes on one task hub on Azurite: a step running on host B is stopped through host
/// A's API. A's registry of running leaves knows nothing of it; the stop travels through durable state (the
/// orchestration's event, then the node store), B's leaf hears it, its process ends and the exit handler runs.
/// </summary>
public sealed class TwoHostStopTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _hub = AzuriteFixture.NewTaskHub("twohosts");
    private readonly string _root = Path.Combine("/var/tmp", "durango-twohost-tests", Guid.NewGuid().ToString("N"));
    private ServeProcess? _a;
    private ServeProcess? _b;

    public TwoHostStopTests(AzuriteFixture azurite) => _azurite = azurite;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Stop_ThroughHostA_EndsTheStepRunningOnHostBAndRunsTheExitHandler()
    {
        _b = await StartAsync("host-b");
        using var b = RetryAfterHandler.Client(_b.BaseUrl);
        var response = await b.PostAsync("/api/v1/workflows/argo", new StringContent("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: two-hosts-}
            spec:
              entrypoint: main
              onExit: report
              templates:
                - name: main
                  steps:
                    - - {name: long, template: long}
                - name: long
                  container: {image: alpine, command: [sleep, "317"]}
                - name: report
                  container: {image: alpine, command: [echo, "exit saw {{workflow.status}}"]}
            """, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var name = (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
        var step = await Eventually.ValueAsync(() => Task.FromResult(HostProcesses.Find("sleep", "317")), "the step's process");
        Assert.True(HostProcesses.IsDescendant(step!.Value, _b.Pid), "the step runs under host B");

        _a = await StartAsync("host-a");
        using var a = RetryAfterHandler.Client(_a.BaseUrl);
        (await a.PutAsync($"/api/v1/workflows/argo/{name}/stop", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(() => !HostProcesses.Running("sleep", "317"), "the step's process to end");
        var view = await WorkflowPolling.WaitAsync(a, name, v => v.Status.Phase.IsFinished());
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.Stopped, view.Node("long").Message);
        Assert.Equal("exit saw Failed", view.Node($"{name}.onExit").Outputs?.Result);
    }

    private Task<ServeProcess> StartAsync(string workerId) => ServeProcess.StartAsync(
        ["--storage", _azurite.Server.ConnectionString, "--task-hub", _hub],
        new Dictionary<string, string>
        {
            ["Durango__WorkDirectory"] = Path.Combine(_root, workerId),
            ["Durango__WorkerId"] = workerId,
        });
}
