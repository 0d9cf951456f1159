using System.Text.Json;
using Durango.Testing;

namespace Durango.Server.Tests.Cli;

public class RunCommandTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Samples");

    [Fact]
    public async Task Run_HelloSample_SucceedsAndPrintsTheTree()
    {
        var run = await DurangoCli.RunAsync("run", Path.Combine(Samples, "hello.yaml"), "--log");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Status:              Succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"├─✔ greet\s+echo\s+hello-\w+-echo-\d+", run.Stdout);
        Assert.Contains("shout: hello world!", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExitHandlersSeed_ExitsOneAndShowsTheHandler()
    {
        var run = await DurangoCli.RunAsync("run", ConformanceCorpus.Seed("exit-handlers.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Status:              Failed", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"○ celebrate\s+celebrate\s+when 'Failed == Succeeded' evaluated false", run.Stdout);
    }

    [Fact]
    public async Task Run_OutputJson_PrintsOnlyTheArgoShapedWorkflow()
    {
        var run = await DurangoCli.RunAsync("run", Path.Combine(Samples, "hello.yaml"), "-p", "who=durango", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("argoproj.io/v1alpha1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("Workflow", root.GetProperty("kind").GetString());
        Assert.Equal("Succeeded", root.GetProperty("status").GetProperty("phase").GetString());
        var nodes = root.GetProperty("status").GetProperty("nodes").EnumerateObject().Select(p => p.Value).ToList();
        var shout = nodes.Single(n => n.GetProperty("displayName").GetString() == "shout");
        Assert.Equal("hello durango!", shout.GetProperty("outputs").GetProperty("result").GetString());
        Assert.Equal("Pod", shout.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", shout.GetProperty("finishedAt").GetString());
        Assert.Equal("main", root.GetProperty("spec").GetProperty("entrypoint").GetString());
    }

    [Fact]
    public async Task Run_InvalidWorkflow_PrintsDiagnosticsAndRunsNothing()
    {
        var file = ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml");
        var run = await DurangoCli.RunAsync("run", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:18:19: error:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was started", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Run_MissingFileOrBadUsage_ClearErrors()
    {
        var missing = await DurangoCli.RunAsync("run", "no-such-file.yaml");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("no-such-file.yaml: error: cannot read the file: Could not find file", missing.Stderr, StringComparison.Ordinal);

        var usage = await DurangoCli.RunAsync("run");
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task Run_InterruptedWhileAStepRuns_StopsTheWorkflowRunsTheExitHandlerAndEnds()
    {
        var file = Path.Combine(Path.GetTempPath(), $"durango-run-interrupt-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: interrupted-}
            spec:
              entrypoint: main
              onExit: report
              templates:
                - name: main
                  container: {image: alpine, command: [sleep, "4717"]}
                - name: report
                  container: {image: alpine, command: [echo, "exit handler saw {{workflow.status}}"]}
            """);
        using var interrupt = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            // Not a terminal: nothing is drawn while it runs, so the command only waits for the end (or Ctrl+C).
            var running = Durango.Server.Cli.CommandLine.RunAsync(["run", file, "--log"], stdout, stderr, interrupt.Token);
            await Eventually.HoldsAsync(() => HostProcesses.Running("sleep", "4717"), "the step's process");
            await interrupt.CancelAsync();
            var code = await running;

            Assert.Equal(1, code);
            Assert.Contains("stopping workflow interrupted-", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("Status:              Failed", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("exit handler saw Failed", stdout.ToString(), StringComparison.Ordinal);
            Assert.False(HostProcesses.Running("sleep", "4717"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
