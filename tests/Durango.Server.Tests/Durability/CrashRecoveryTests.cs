using System.Net.Http.Json;
using System.Text;
using Durango.Api.Workflows;
using Durango.Server.Tests.Api;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// <c>durango serve</c> on Azurite, killed with SIGKILL mid-workflow and started again: the workflow completes, every
/// step finished exactly once (the one cut off may have started twice), the exit handler finished exactly once, and
/// every log is there. Each step appends to a marks file outside the host, which is what the assertions read.
/// </summary>
public sealed class CrashRecoveryTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int Steps = 30;
    private readonly AzuriteFixture _azurite;
    private RestartableServe? _host;

    public CrashRecoveryTests(AzuriteFixture azurite) => _azurite = azurite;

    private RestartableServe Host => _host!;

    private HttpClient Http => Host.Http;

    private string Marks => Path.Combine(Host.Root, "marks.txt");

    public async Task InitializeAsync() => _host = await RestartableServe.StartAsync(_azurite.Server, "crash");

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task KilledMidWorkflow_Restarted_CompletesWithEveryStepOnceAndTheExitHandlerOnce()
    {
        var (name, view) = await KillWhenMarkedAndRestartAsync("start 10");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var marks = ReadMarks();
        for (var i = 1; i <= Steps; i++)
        {
            Assert.True(Times(marks, $"end {i}") == 1, $"step {i} finished {Times(marks, $"end {i}")} times\n{string.Join('\n', marks)}");
            Assert.True(Times(marks, $"start {i}") <= (i == 10 ? 2 : 1), $"step {i} started {Times(marks, $"start {i}")} times");
        }

        Assert.Equal(1, Times(marks, "start exit"));
        Assert.Equal(1, Times(marks, "end exit"));
        Assert.Equal("exit saw Succeeded", view.Node("report").Outputs?.Result);
        await AssertEveryLogAsync(name);
        // The killed host's working folders went with the restarted host's first step (StepFolders): only its own stay.
        var steps = Path.Combine(Host.Root, "work", "steps");
        var claim = Assert.Single(Directory.EnumerateFiles(steps, "*.lock"));
        Assert.Equal([claim[..^".lock".Length]], Directory.EnumerateDirectories(steps));
    }

    [Fact]
    public async Task KilledDuringTheExitHandler_Restarted_TheHandlerFinishesExactlyOnce()
    {
        var (name, view) = await KillWhenMarkedAndRestartAsync("start exit");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var marks = ReadMarks();
        for (var i = 1; i <= Steps; i++)
        {
            Assert.Equal(1, Times(marks, $"start {i}"));
            Assert.Equal(1, Times(marks, $"end {i}"));
        }

        Assert.InRange(Times(marks, "start exit"), 1, 2);
        Assert.Equal(1, Times(marks, "end exit"));
        await AssertEveryLogAsync(name);
    }

    [Fact]
    public async Task AzuriteRestartedWhileNoStepRuns_TheServerReconnectsAndCarriesOn()
    {
        var response = await Http.PostAsync("/api/v1/workflows/argo", new StringContent($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: azurite-restart-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: before, template: say}
                    - - {name: pause, template: pause}
                    - - {name: after, template: say}
                - name: pause
                  suspend: {duration: "8"}
                - name: say
                  container: {image: alpine, command: [sh, -c, "echo said >> {{Marks}}"]}
            """, Encoding.UTF8, "application/yaml"));
        response.EnsureSuccessStatusCode();
        var name = (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
        await WaitForAsync(name, v => v.HasNode("pause") && v.Node("pause").Phase == NodePhase.Running);

        await _azurite.Server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _azurite.Server.RestartAsync();
        var view = await WaitForEndAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(2, Times(ReadMarks(), "said"));
    }

    /// <summary>Submits the 30-step workflow, kills the server once <paramref name="mark"/> is written, starts it again and waits for the end.</summary>
    private async Task<(string Name, WorkflowView View)> KillWhenMarkedAndRestartAsync(string mark)
    {
        var name = await SubmitAsync();
        await WaitForMarkAsync(mark);

        await Host.KillAsync();
        await Host.RestartAsync();
        return (name, await WaitForEndAsync(name));
    }

    private async Task<string> SubmitAsync()
    {
        var yaml = new StringBuilder($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: crash-}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: exit
                  steps:
                    - - {name: report, template: report}
                - name: report
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      echo "start exit" >> {{{Marks}}}
                      sleep 1
                      echo "end exit" >> {{{Marks}}}
                      echo "exit saw {{workflow.status}}"
                - name: mark
                  inputs: {parameters: [{name: n}]}
                  script:
                    image: alpine
                    command: [sh]
                    source: |
                      echo "start {{inputs.parameters.n}}" >> {{{Marks}}}
                      echo "step {{inputs.parameters.n}} says hello"
                      # The first run of step 10, where the host is killed, lasts long enough that the kill lands
                      # while it runs however loaded the machine is; a step that outlived its host would still
                      # write its end mark during the 20 steps that follow.
                      if [ "{{inputs.parameters.n}}" = 10 ] && mkdir {{{Marks}}}.cut 2>/dev/null; then sleep 5; else sleep 0.5; fi
                      echo "end {{inputs.parameters.n}}" >> {{{Marks}}}
                - name: main
                  steps:

            """);
        for (var i = 1; i <= Steps; i++)
        {
            yaml.AppendLine($"          - - {{name: s{i}, template: mark, arguments: {{parameters: [{{name: n, value: \"{i}\"}}]}}}}");
        }

        var response = await Http.PostAsync("/api/v1/workflows/argo", new StringContent(yaml.ToString(), Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
    }

    private Task WaitForMarkAsync(string mark) => Eventually.HoldsAsync(() => ReadMarks().Contains(mark), $"mark '{mark}'");

    private async Task<WorkflowView> WaitForEndAsync(string name) => await WaitForAsync(name, v => v.Status.Phase.IsFinished());

    private async Task<WorkflowView> WaitForAsync(string name, Func<WorkflowView, bool> condition)
    {
        try
        {
            return await WorkflowPolling.WaitAsync(Http, name, condition);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; server output:\n{Host.Process.Output}", e);
        }
    }

    private List<string> ReadMarks()
    {
        // The file is appended by steps while it is read; a read racing a write may see it locked or partial.
        try
        {
            return File.Exists(Marks) ? File.ReadAllLines(Marks).ToList() : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static int Times(List<string> marks, string mark) => marks.Count(m => m == mark);

    private async Task AssertEveryLogAsync(string name)
    {
        var logs = await Http.GetStringAsync($"/api/v1/workflows/argo/{name}/log");
        for (var i = 1; i <= Steps; i++)
        {
            Assert.Contains($"step {i} says hello", logs, StringComparison.Ordinal);
        }

        Assert.Contains("exit saw Succeeded", logs, StringComparison.Ordinal);
    }
}
