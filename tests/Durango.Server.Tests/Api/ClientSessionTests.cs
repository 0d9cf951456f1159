using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Engine.Model;
using Durango.Server.Hosting;
using Durango.Testing;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Api;

/// <summary>
/// A whole client session over HTTP the way Hera and the argo CLI (argo-server mode) hold one: JSON request envelopes,
/// the watch stream to wait, label and phase selectors, logs as JSON lines and as server-sent events, the actions,
/// templates, lint and delete with gRPC error codes, and a bearer token.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ClientSessionTests(ServeFixture serve)
{
    private const string Workflows = "/api/v1/workflows/argo";

    [Fact]
    public async Task Create_JsonEnvelope_200WithTheCreatedWorkflowNamedFromGenerateName()
    {
        var (status, created) = await SendAsync(HttpMethod.Post, Workflows, Envelope(Workflow("session-create-", Echo("main", "hi"))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Workflow", created["kind"]!.GetValue<string>());
        Assert.Equal("argo", created["metadata"]!["namespace"]!.GetValue<string>());
        var name = created["metadata"]!["name"]!.GetValue<string>();
        Assert.Matches("^session-create-[a-z0-9]{5}$", name);
        Assert.Equal("Succeeded", Phase(await WatchUntilFinishedAsync(name)));
    }

    [Fact]
    public async Task Watch_FieldSelectorByName_StreamsTheWorkflowUntilItFinishes()
    {
        var name = await CreateAsync(Workflow("session-watch-", Echo("main", "watched")));

        var events = await WatchEventsAsync(name);

        Assert.Equal("ADDED", events[0]["type"]!.GetValue<string>());
        Assert.All(events.Skip(1), e => Assert.Equal("MODIFIED", e["type"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(name, e["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("Succeeded", Phase(events[^1]["object"]!));
    }

    [Fact]
    public async Task List_ByPhaseAndUserLabelSelectors_SelectsExactlyTheMatchingWorkflows()
    {
        var session = $"s{Guid.NewGuid():N}"[..12];
        var passed = await CreateAsync(Workflow("session-list-ok-", Echo("main", "ok"), labels: $$$"""{"session": "{{{session}}}", "outcome": "pass"}"""));
        var failed = await CreateAsync(Workflow("session-list-bad-", Shell("main", "exit 1"), labels: $$$"""{"session": "{{{session}}}"}"""));
        await WatchUntilFinishedAsync(passed);
        await WatchUntilFinishedAsync(failed);

        Assert.Equal([passed], await ListAsync($"workflows.argoproj.io/phase in (Succeeded),session={session}"));
        Assert.Equal([failed], await ListAsync($"workflows.argoproj.io/phase notin (Succeeded),session={session}"));
        Assert.Equal([failed], await ListAsync($"session={session},!outcome"));
        Assert.Equal(new[] { passed, failed }.Order(), (await ListAsync($"session in ({session}),workflows.argoproj.io/completed=true")).Order());
        Assert.DoesNotContain(passed, await ListAsync($"!session"));
        Assert.DoesNotContain(failed, await ListAsync($"session notin ({session})"));
    }

    [Fact]
    public async Task Logs_ContainerMain_JsonLinesAndServerSentEventsOfLogEntries()
    {
        var name = await CreateAsync(Workflow("session-logs-", Shell("main", "echo first; echo second")));
        await WatchUntilFinishedAsync(name);

        var lines = await StreamAsync($"{Workflows}/{name}/log?logOptions.container=main", sse: false, _ => false);
        var events = await StreamAsync($"{Workflows}/{name}/log?logOptions.container=main", sse: true, _ => false);

        foreach (var entries in new[] { lines, events })
        {
            var results = entries.Select(e => e["result"]!).ToList();
            Assert.All(results, r => Assert.Equal(name, r["podName"]!.GetValue<string>()));
            var content = results.Select(r => r["content"]!.GetValue<string>()).ToList();
            Assert.True(content.IndexOf("first") is >= 0 and var first && content.IndexOf("second") > first, $"logs: {string.Join(" | ", content)}");
        }
    }

    [Fact]
    public async Task Stop_RunningWorkflow_RunsTheExitHandler()
    {
        var name = await CreateAsync(WithExitHandler("session-stop-"));
        await serve.WaitAsync(name, v => v.HasNode(name) && v.Node(name).Phase == NodePhase.Running);

        var (status, _) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/stop", $$$"""{"name": "{{{name}}}", "namespace": "argo", "message": "enough"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var done = Workflow(await WatchUntilFinishedAsync(name));
        Assert.Equal(WorkflowPhase.Failed, done.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, done.Node($"{name}.onExit").Phase);
    }

    [Fact]
    public async Task Terminate_RunningWorkflow_SkipsTheExitHandler()
    {
        var name = await CreateAsync(WithExitHandler("session-terminate-"));
        await serve.WaitAsync(name, v => v.HasNode(name) && v.Node(name).Phase == NodePhase.Running);

        var (status, _) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/terminate", $$$"""{"name": "{{{name}}}", "namespace": "argo"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var done = Workflow(await WatchUntilFinishedAsync(name));
        Assert.Equal(WorkflowPhase.Failed, done.Status.Phase);
        Assert.False(done.HasNode($"{name}.onExit"), "terminate must not run the exit handler");
    }

    [Fact]
    public async Task SuspendThenResume_RunningWorkflow_ShowsSpecSuspendThenSucceeds()
    {
        var marker = Path.Combine("/var/tmp", $"durango-session-{Guid.NewGuid():N}"); // the process runtime gives steps a private /tmp
        var name = await CreateAsync(Workflow("session-suspend-", $$$"""
            {"name": "main", "steps": [[{"name": "wait", "template": "wait"}], [{"name": "after", "template": "after"}]]},
            {"name": "wait", "container": {"image": "alpine", "command": ["sh", "-c", "while [ ! -f {{{marker}}} ]; do sleep 0.1; done"]}},
            {"name": "after", "container": {"image": "alpine", "command": ["echo", "after"]}}
            """));
        await serve.WaitAsync(name, v => v.HasNode("wait") && v.Node("wait").Phase == NodePhase.Running);

        var (suspendStatus, suspended) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/suspend", $$$"""{"name": "{{{name}}}", "namespace": "argo"}""");
        var (_, held) = await SendAsync(HttpMethod.Get, $"{Workflows}/{name}");
        await File.WriteAllTextAsync(marker, "go");
        var (resumeStatus, _) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/resume", $$$"""{"name": "{{{name}}}", "namespace": "argo"}""");
        var done = await WatchUntilFinishedAsync(name);

        Assert.Equal(HttpStatusCode.OK, suspendStatus);
        Assert.Equal(HttpStatusCode.OK, resumeStatus);
        Assert.Equal("Succeeded", Phase(done));
        var finished = Workflow(done);
        Assert.True(finished.Node("after").StartedAt >= finished.Node("wait").FinishedAt, "after starts once wait is done");
        Assert.True(
            suspended["spec"]?["suspend"]?.GetValue<bool>() == true && held["spec"]?["suspend"]?.GetValue<bool>() == true,
            $"argo marks a suspended workflow with spec.suspend: true (what `argo get`, `argo list` and the UI read), not status.suspended; the suspend answer was {suspended.ToJsonString()}");
        File.Delete(marker);
    }

    [Fact]
    public async Task Retry_FailedWorkflow_KeepsSucceededNodesAndSucceeds()
    {
        var marker = Path.Combine("/var/tmp", $"durango-session-{Guid.NewGuid():N}"); // the process runtime gives steps a private /tmp
        var name = await CreateAsync(Workflow("session-retry-", $$$"""
            {"name": "main", "steps": [[{"name": "good", "template": "good"}], [{"name": "flaky", "template": "flaky"}]]},
            {"name": "good", "container": {"image": "alpine", "command": ["echo", "good"]}},
            {"name": "flaky", "container": {"image": "alpine", "command": ["sh", "-c", "test -f {{{marker}}} || { touch {{{marker}}}; exit 1; }"]}}
            """));
        var failed = Workflow(await WatchUntilFinishedAsync(name));
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);

        var (status, _) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/retry", $$$"""{"name": "{{{name}}}", "namespace": "argo"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var sawRunning = false;
        var retried = Workflow(await WatchUntilAsync(name, w => (sawRunning |= !Finished(w)) && Finished(w) || Phase(w) == "Succeeded"));
        Assert.True(retried.Status.Phase == WorkflowPhase.Succeeded, $"the retried workflow is {retried.Status.Phase}: {JsonSerializer.Serialize(retried.Status, WorkflowJson.Options)}");
        Assert.Equal(failed.Node("good").Id, retried.Node("good").Id);
        Assert.Equal(failed.Node("good").StartedAt, retried.Node("good").StartedAt);
        Assert.Equal(NodePhase.Succeeded, retried.Node("flaky").Phase);
        File.Delete(marker);
    }

    [Fact]
    public async Task Resubmit_FinishedWorkflow_AnswersANewWorkflowThatRuns()
    {
        var name = await CreateAsync(Workflow("session-resubmit-", Echo("main", "again")));
        await WatchUntilFinishedAsync(name);

        var (status, resubmitted) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/resubmit", $$$"""{"name": "{{{name}}}", "namespace": "argo", "memoized": false}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var fresh = resubmitted["metadata"]!["name"]!.GetValue<string>();
        Assert.NotEqual(name, fresh);
        Assert.Equal("Succeeded", Phase(await WatchUntilFinishedAsync(fresh)));
    }

    [Fact]
    public async Task Submit_FromWorkflowTemplateCreatedOverTheApi_CarriesTheTemplateLabelAndParameter()
    {
        var template = $"session-wt-{Guid.NewGuid():N}"[..24];
        var (created, _) = await SendAsync(HttpMethod.Post, "/api/v1/workflow-templates/argo", $$$"""
            {"namespace": "argo", "template": {
              "metadata": {"name": "{{{template}}}"},
              "spec": {"entrypoint": "main", "arguments": {"parameters": [{"name": "x", "value": "default"}]},
                       "templates": [{"name": "main", "inputs": {"parameters": [{"name": "x"}]},
                                      "container": {"image": "alpine", "command": ["echo", "{{inputs.parameters.x}}"]}}]} } }
            """);
        Assert.Equal(HttpStatusCode.OK, created);

        var (status, submitted) = await SendAsync(HttpMethod.Post, $"{Workflows}/submit",
            $$$"""{"namespace": "argo", "resourceKind": "WorkflowTemplate", "resourceName": "{{{template}}}", "submitOptions": {"parameters": ["x=y"]}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(template, submitted["metadata"]!["labels"]!["workflows.argoproj.io/workflow-template"]!.GetValue<string>());
        var done = Workflow(await WatchUntilFinishedAsync(submitted["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(WorkflowPhase.Succeeded, done.Status.Phase);
        Assert.Equal("y", done.Node(done.Metadata.Name).Inputs?.Parameters.Single(p => p.Name == "x").Value);
    }

    [Fact]
    public async Task Lint_BadWorkflow_400InvalidArgumentWithLineAndColumnInDetails()
    {
        var body = """
            {
              "namespace": "argo",
              "workflow": {
                "metadata": {"generateName": "session-lint-"},
                "spec": {
                  "entrypoint": "main",
                  "templates": [
                    {"name": "main", "steps": [[{"name": "a", "template": "nowhere"}]]}
                  ]
                }
              }
            }
            """;

        var (status, error) = await SendAsync(HttpMethod.Post, $"{Workflows}/lint", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, error["code"]!.GetValue<int>());
        Assert.Contains("nowhere", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var detail = Assert.Single(error["details"]!.AsArray(), d => d!["line"] is not null && d["column"] is not null)!;
        Assert.InRange(detail["line"]!.GetValue<int>(), 2, 12);
        Assert.True(detail["column"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Delete_ThenGet_404NotFound()
    {
        var name = await CreateAsync(Workflow("session-delete-", Echo("main", "bye")));
        await WatchUntilFinishedAsync(name);

        var (deleted, _) = await SendAsync(HttpMethod.Delete, $"{Workflows}/{name}");
        var (status, error) = await SendAsync(HttpMethod.Get, $"{Workflows}/{name}");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(5, error["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Set_SuspendNodeByDisplayName_OutputParameterReachesTheNextStep()
    {
        var name = await CreateAsync(Workflow("session-set-", """
            {"name": "main", "steps": [
              [{"name": "approve", "template": "approve"}],
              [{"name": "show", "template": "show", "arguments": {"parameters": [{"name": "answer", "value": "{{steps.approve.outputs.parameters.answer}}"}]}}]]},
            {"name": "approve", "suspend": {}, "outputs": {"parameters": [{"name": "answer", "valueFrom": {"supplied": {}}}]}},
            {"name": "show", "inputs": {"parameters": [{"name": "answer"}]}, "container": {"image": "alpine", "command": ["echo", "{{inputs.parameters.answer}}"]}}
            """));
        await serve.WaitAsync(name, v => v.HasNode("approve") && v.Node("approve").Phase == NodePhase.Running);

        var (status, _) = await SendAsync(HttpMethod.Put, $"{Workflows}/{name}/set", $$$"""
            {"name": "{{{name}}}", "namespace": "argo", "nodeFieldSelector": "displayName=approve", "phase": "Succeeded", "outputParameters": "{\"answer\":\"yes\"}"}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var done = Workflow(await WatchUntilFinishedAsync(name));
        Assert.Equal(WorkflowPhase.Succeeded, done.Status.Phase);
        Assert.Equal("yes", done.Node("approve").Outputs?.Parameter("answer"));
        Assert.Equal("yes", done.Node("show").Inputs?.Parameters.Single(p => p.Name == "answer").Value);
    }

    [Fact]
    public async Task BearerToken_ServerWithApiKey_401Unauthenticated_WithoutIt_200WithIt()
    {
        var root = Path.Combine("/var/tmp", "durango-serve-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(root, "logs"),
        }).Build();
        await using var host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: "s3cret");
        using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };

        using var anonymous = await http.GetAsync(Workflows);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, Workflows) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        using var wrongAnswer = await http.SendAsync(wrong);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, Workflows) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        using var answer = await http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(16, JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["metadata"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await serve.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new InvalidOperationException($"{method} {path}: empty answer"));
    }

    private async Task<string> CreateAsync(string workflow)
    {
        var (status, created) = await SendAsync(HttpMethod.Post, Workflows, Envelope(workflow));
        Assert.True(status == HttpStatusCode.OK, $"create: {(int)status} {created.ToJsonString()}");
        return created["metadata"]!["name"]!.GetValue<string>();
    }

    /// <summary>The names of the workflows in namespace argo that <paramref name="labelSelector"/> selects.</summary>
    private async Task<List<string>> ListAsync(string labelSelector)
    {
        var (status, list) = await SendAsync(HttpMethod.Get, $"{Workflows}?listOptions.labelSelector={Uri.EscapeDataString(labelSelector)}");
        Assert.True(status == HttpStatusCode.OK, $"list {labelSelector}: {(int)status} {list.ToJsonString()}");
        return list["items"]?.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList() ?? [];
    }

    /// <summary>Watches one workflow (SSE, <c>metadata.name=NAME</c>) until <paramref name="until"/> holds of it (default: its phase is finished); every event seen.</summary>
    private async Task<List<JsonNode>> WatchEventsAsync(string name, Func<JsonNode, bool>? until = null)
    {
        until ??= Finished;
        var events = (await StreamAsync($"/api/v1/workflow-events/argo?listOptions.fieldSelector=metadata.name={name}", sse: true, item => until(item["result"]!["object"]!)))
            .Select(e => e["result"]!).ToList();
        Assert.True(events.Count > 0 && until(events[^1]["object"]!), $"the watch of {name} ended before the workflow was done");
        return events;
    }

    /// <summary>The workflow as the watch stream shows it when it has finished.</summary>
    private async Task<JsonNode> WatchUntilFinishedAsync(string name) => (await WatchEventsAsync(name))[^1]["object"]!;

    /// <summary>The workflow as the watch stream shows it when <paramref name="until"/> holds.</summary>
    private async Task<JsonNode> WatchUntilAsync(string name, Func<JsonNode, bool> until) => (await WatchEventsAsync(name, until))[^1]["object"]!;

    /// <summary>The items of a stream (<c>{"result": ...}</c> per JSON line or per <c>data:</c> event) up to the first <paramref name="last"/> accepts, or its end.</summary>
    private async Task<List<JsonNode>> StreamAsync(string path, bool sse, Func<JsonNode, bool> last)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (sse)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        using var response = await serve.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sse ? "text/event-stream" : "application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));
        var items = new List<JsonNode>();
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            var json = sse ? (line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null) : line;
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            var item = JsonNode.Parse(json)!;
            items.Add(item);
            if (last(item))
            {
                return items;
            }
        }

        return items;
    }

    private static bool Finished(JsonNode workflow) => Phase(workflow) is "Succeeded" or "Failed" or "Error";

    private static string? Phase(JsonNode workflow) => workflow["status"]?["phase"]?.GetValue<string>();

    private static WorkflowView Workflow(JsonNode json) => json.Deserialize<WorkflowView>(WorkflowJson.Options)!;

    private static string Envelope(string workflow) => $$$"""{"namespace": "argo", "workflow": {{{workflow}}} }""";

    private static string Workflow(string generateName, string templates, string labels = "{}") =>
        $$$"""{"metadata": {"generateName": "{{{generateName}}}", "labels": {{{labels}}}}, "spec": {"entrypoint": "main", "templates": [{{{templates}}}]}}""";

    private static string WithExitHandler(string generateName) =>
        $$$"""
        {"metadata": {"generateName": "{{{generateName}}}"}, "spec": {"entrypoint": "main", "onExit": "bye", "templates": [
          {"name": "main", "container": {"image": "alpine", "command": ["sleep", "120"]}},
          {"name": "bye", "container": {"image": "alpine", "command": ["echo", "bye {{workflow.status}}"]}}]}}
        """;

    private static string Echo(string name, string text) => $$$"""{"name": "{{{name}}}", "container": {"image": "alpine", "command": ["echo", "{{{text}}}"]}}""";

    private static string Shell(string name, string script) => $$$"""{"name": "{{{name}}}", "container": {"image": "alpine", "command": ["sh", "-c", "{{{script}}}"]}}""";
}
