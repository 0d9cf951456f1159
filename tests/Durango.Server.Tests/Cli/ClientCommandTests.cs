using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Durango.Server.Cli;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli;

/// <summary>The client commands' messages against a real <c>durango serve</c>.</summary>
[Collection(ServeCollection.Name)]
public sealed class ClientCommandTests(ServeFixture serve)
{
    [Fact]
    public async Task Get_NoSuchWorkflow_PointsAtDurangoList()
    {
        var run = await serve.DurangoAsync("get", "nosuch");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"durango: workflow 'nosuch' not found in namespace 'argo'; 'durango list' shows the workflows{Environment.NewLine}", run.Stderr);
        Assert.DoesNotContain("/api/v1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitWatch_CtrlC_StopsWatchingAndSaysTheWorkflowGoesOn()
    {
        var prefix = $"ctrlc-{Guid.NewGuid():N}"[..16] + "-";
        var file = Path.Combine(Directory.CreateTempSubdirectory("durango-ctrlc-").FullName, "wait.yaml");
        await File.WriteAllTextAsync(file, $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: {{prefix}}}
            spec:
              entrypoint: main
              templates:
              - name: main
                suspend: {}
            """);
        using var interrupt = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var watching = CommandLine.RunAsync(["submit", file, "--watch", "--server", serve.BaseUrl], stdout, stderr, interrupt.Token);
        var name = await Eventually.ValueAsync(async () =>
        {
            var list = await serve.Http.GetFromJsonAsync<JsonObject>("api/v1/workflows/argo");
            return list?["items"]?.AsArray().Select(i => i?["metadata"]?["name"]?.GetValue<string>()).FirstOrDefault(n => n?.StartsWith(prefix, StringComparison.Ordinal) == true);
        }, "the submitted workflow");
        await serve.WaitAsync(name, v => v.Status.Phase == Durango.Engine.Model.WorkflowPhase.Running);
        await interrupt.CancelAsync();
        var code = await watching;

        Assert.Equal(130, code);
        Assert.Contains($"stopped watching; workflow {name} goes on on the server", stderr.ToString(), StringComparison.Ordinal);
        var view = await serve.WaitAsync(name, _ => true);
        Assert.Equal(Durango.Engine.Model.WorkflowPhase.Running, view.Status.Phase);
        Assert.Equal(0, (await serve.DurangoAsync("terminate", name)).ExitCode);
    }
}
