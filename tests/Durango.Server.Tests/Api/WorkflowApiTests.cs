using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class WorkflowApiTests(ServeFixture serve)
{
    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static readonly string Sleeper = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: sleeper-, labels: {team: blue}}
        spec:
          entrypoint: main
          onExit: bye
          templates:
            - name: main
              steps:
                - - {name: nap, template: nap}
                - - {name: after, template: bye}
            - name: nap
              container: {image: alpine, command: [sleep, "30"]}
            - name: bye
              container: {image: alpine, command: [echo, "bye {{workflow.status}}"]}
        """;

    private const string Workflows = "/api/v1/workflows/argo";

    [Fact]
    public async Task Create_SeedExitHandlersAsYaml_200WithTheWorkflowThenFailedWithHandlerRun()
    {
        var response = await serve.Http.PostAsync(Workflows, Yaml(await File.ReadAllTextAsync(ConformanceCorpus.Seed("exit-handlers.yaml"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!;
        Assert.StartsWith("exit-handlers-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("argo", created.Metadata.Namespace);
        Assert.Equal("false", created.Metadata.Labels["workflows.argoproj.io/completed"]);
        var view = await serve.WaitAsync(created.Metadata.Name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("cry").Phase);
    }

    [Fact]
    public async Task Create_ArgoEnvelopeWithoutKind_IsAWorkflow()
    {
        const string Workflow = """{"metadata": {"generateName": "json-"}, "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine", "command": ["true"]}}]}}""";
        var response = await serve.Http.PostAsync(Workflows, new StringContent($$"""{"namespace": "argo", "workflow": {{Workflow}}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!;
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(created.Metadata.Name)).Status.Phase);
    }

    [Fact]
    public async Task Create_ServerDryRun_AnswersTheWorkflowAndStartsNothing()
    {
        const string Workflow = """{"metadata": {"name": "dry-run-only"}, "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine", "command": ["true"]}}]}}""";
        var response = await serve.Http.PostAsync(Workflows, new StringContent($$"""{"workflow": {{Workflow}}, "serverDryRun": true}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Http.GetAsync($"{Workflows}/dry-run-only")).StatusCode);
    }

    [Fact]
    public async Task Create_InAnotherNamespace_IsScopedToIt()
    {
        var response = await serve.Http.PostAsync("/api/v1/workflows/team-b", Yaml("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: scoped-}
            spec:
              entrypoint: main
              templates: [{name: main, container: {image: alpine, command: ["true"]}}]
            """));
        var created = (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!;

        Assert.Equal("team-b", created.Metadata.Namespace);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Http.GetAsync($"{Workflows}/{created.Metadata.Name}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync($"/api/v1/workflows/team-b/{created.Metadata.Name}")).StatusCode);
        var argo = (await serve.Http.GetFromJsonAsync<WorkflowList>(Workflows, WorkflowJson.Options))!;
        Assert.DoesNotContain(argo.Items ?? [], i => i.Metadata.Name == created.Metadata.Name);
        var all = (await serve.Http.GetFromJsonAsync<WorkflowList>("/api/v1/workflows/", WorkflowJson.Options))!;
        Assert.Contains(all.Items ?? [], i => i.Metadata.Name == created.Metadata.Name);
    }

    [Fact]
    public async Task Create_SubmitOptionsAsQueryValues_AndConflict()
    {
        var name = $"params-{Guid.NewGuid():N}"[..20];
        const string Text = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: p-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: nobody}]}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, "hi {{workflow.parameters.who}}"]}
            """;

        var first = await serve.Http.PostAsync($"{Workflows}?submitOptions.name={name}&submitOptions.parameters=who%3Dthere", Yaml(Text));
        var second = await serve.Http.PostAsync($"{Workflows}?submitOptions.name={name}", Yaml(Text));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal((int)ArgoCode.AlreadyExists, (await second.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
        Assert.Equal("hi there", (await serve.WaitAsync(name)).Node(name).Outputs?.Result);
    }

    [Fact]
    public async Task Stop_RunningWorkflow_ExitHandlerRunsAndPhaseFailed()
    {
        var name = await SubmitAsync(Sleeper);
        await serve.WaitAsync(name, v => v.HasNode("nap") && v.Node("nap").Phase == NodePhase.Running);

        var stop = await serve.Http.PutAsync($"{Workflows}/{name}/stop", Json(new { name, @namespace = "argo" }));

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.Stopped, view.Status.Message);
        Assert.Equal("bye Failed", view.Node($"{name}.onExit").Outputs?.Result);
        var again = await serve.Http.PutAsync($"{Workflows}/{name}/stop", Json(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal((int)ArgoCode.FailedPrecondition, (await again.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
    }

    [Fact]
    public async Task Terminate_RunningWorkflow_NoExitHandler()
    {
        var name = await SubmitAsync(Sleeper);
        await serve.WaitAsync(name, v => v.HasNode("nap") && v.Node("nap").Phase == NodePhase.Running);

        Assert.Equal(HttpStatusCode.OK, (await serve.Http.PutAsync($"{Workflows}/{name}/terminate", Json(new { name }))).StatusCode);

        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.False(view.HasNode($"{name}.onExit"));
    }

    [Fact]
    public async Task SuspendResume_ThroughTheCli()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: approval-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: wait, template: wait}
                - name: wait
                  suspend: {}
            """);
        await serve.WaitAsync(name, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Running);

        var suspend = await serve.DurangoAsync("suspend", name);
        Assert.Equal(0, suspend.ExitCode);
        Assert.Equal($"workflow {name} suspended", suspend.Stdout.Trim());
        Assert.True((await serve.WaitAsync(name, v => v.Suspended)).Suspended);

        Assert.Equal(0, (await serve.DurangoAsync("resume", name)).ExitCode);
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(name)).Status.Phase);
    }

    [Fact]
    public async Task Retry_FailedWorkflow_RerunsOnlyWhatFailed()
    {
        var marker = Path.Combine("/var/tmp", $"durango-retry-{Guid.NewGuid():N}");
        var name = await SubmitAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-me-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: once, template: once}
                    - - {name: flaky, template: flaky}
                - name: once
                  container: {image: alpine, command: [sh, -c, "echo ran >> {{marker}}.once; echo first"]}
                - name: flaky
                  container: {image: alpine, command: [sh, -c, "test -f {{marker}} || { touch {{marker}}; exit 1; }"]}
            """);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);

        var retry = await serve.DurangoAsync("retry", name);
        Assert.Equal(0, retry.ExitCode);
        var view = await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Succeeded);

        Assert.Equal(NodePhase.Succeeded, view.Node("flaky").Phase);
        Assert.Equal("first", view.Node("once").Outputs?.Result);
        Assert.Single(await File.ReadAllLinesAsync(marker + ".once"));
        Assert.Equal(HttpStatusCode.BadRequest, (await serve.Http.PutAsync($"{Workflows}/{name}/retry", Json(new { name }))).StatusCode);
    }

    [Fact]
    public async Task Resubmit_And_Delete()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: again-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: x, value: "1"}]}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, "x={{workflow.parameters.x}}"]}
            """);
        await serve.WaitAsync(name);

        var resubmit = await serve.DurangoAsync("resubmit", name);
        Assert.Equal(0, resubmit.ExitCode);
        var again = resubmit.Stdout.Split('\n')[0].Split(':', 2)[1].Trim();
        Assert.StartsWith($"{name}-", again, StringComparison.Ordinal);
        Assert.Equal("x=1", (await serve.WaitAsync(again)).Node(again).Outputs?.Result);

        Assert.Equal(0, (await serve.DurangoAsync("delete", name)).ExitCode);
        var gone = await serve.Http.GetAsync($"{Workflows}/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal((int)ArgoCode.NotFound, (await gone.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Http.GetAsync($"{Workflows}/{name}/log")).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByPhaseLabelAndLabels()
    {
        var blue = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: listed-, labels: {team: green, tier: gold}}
            spec:
              entrypoint: main
              templates: [{name: main, container: {image: alpine, command: ["true"]}}]
            """);
        await serve.WaitAsync(blue);

        var selector = Uri.EscapeDataString("workflows.argoproj.io/phase in (Succeeded),team=green,tier");
        var page = (await serve.Http.GetFromJsonAsync<WorkflowList>($"{Workflows}?listOptions.labelSelector={selector}", WorkflowJson.Options))!;
        Assert.Contains(page.Items!, i => i.Metadata.Name == blue);
        Assert.All(page.Items!, i => Assert.Equal(WorkflowPhase.Succeeded, i.Status.Phase));
        var none = (await serve.Http.GetFromJsonAsync<WorkflowList>($"{Workflows}?listOptions.labelSelector={Uri.EscapeDataString("team!=green")}", WorkflowJson.Options))!;
        Assert.DoesNotContain(none.Items ?? [], i => i.Metadata.Name == blue);
        var one = (await serve.Http.GetFromJsonAsync<WorkflowList>($"{Workflows}?listOptions.limit=1", WorkflowJson.Options))!;
        Assert.Single(one.Items!);

        var cli = await serve.DurangoAsync("list", "--phase", "Succeeded", "--labels", "team=green");
        Assert.Matches($@"{blue}\s+Succeeded", cli.Stdout);
    }

    [Fact]
    public async Task Logs_FollowStreamsUntilTheWorkflowEnds()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: chatty-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: alpine, command: [sh, -c, "for i in 1 2 3; do echo line $i; sleep 0.3; done"]}
            """);

        var follow = await serve.DurangoAsync("logs", name, "--follow");

        Assert.Equal(0, follow.ExitCode);
        Assert.Contains($"{name}: line 1", follow.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{name}: line 3", follow.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ThroughTheCli_PrintsTreeOrJson()
    {
        var name = await SubmitAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "hello.yaml")));
        await serve.WaitAsync(name);

        var text = await serve.DurangoAsync("get", name);
        var json = await serve.DurangoAsync("get", name, "--output", "json");

        Assert.Contains("Status:              Succeeded", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(name, document.RootElement.GetProperty("metadata").GetProperty("name").GetString());
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private async Task<string> SubmitAsync(string yaml)
    {
        var response = await serve.Http.PostAsync(Workflows, Yaml(yaml));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!.Metadata.Name;
    }
}
