using System.Net;
using System.Text.Json.Nodes;
using Durango.Engine.Model;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>
/// Upstream's <c>test/e2e/argo_server_test.go</c> (ArgoServerSuite), the WorkflowService part, against
/// <c>durango serve</c>: the same requests, status codes and JSON paths. Each test starts by deleting the workflows
/// the class's server holds, as upstream's suite does before every test.
/// </summary>
public sealed class E2eArgoServerWorkflowTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Workflows = "/api/v1/workflows/argo";

    // The body upstream's tests post, with the workflow's metadata and container args varying.
    private static string Create(string metadata, string args = "") => $$$$$"""
        {"workflow": {"metadata": {{{{{metadata}}}}},
          "spec": {"templates": [{"name": "run-workflow", "container": {"image": "argoproj/argosay:v2"{{{{{args}}}}}}}], "entrypoint": "run-workflow"}}}
        """;

    // TestLintWorkflow
    [Fact]
    public async Task LintWorkflow_Valid_200()
    {
        await CleanAsync();
        using var response = await PostAsync($"{Workflows}/lint", """
            {"workflow": {"metadata": {"name": "test", "labels": {"workflows.argoproj.io/test": "true"}},
              "spec": {"templates": [{"name": "run-workflow", "container": {"image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}],
                "entrypoint": "run-workflow"}}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // TestHintWhenWorkflowExists
    [Fact]
    public async Task HintWhenWorkflowExists_SameNameTwice_409AlreadyExists()
    {
        await CleanAsync();
        var body = Create("""{"name": "hint", "labels": {"workflows.argoproj.io/test": "true"}}""");
        using var first = await PostAsync(Workflows, body);
        using var second = await PostAsync(Workflows, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already exists", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // TestCreateWorkflowDryRun
    [Fact]
    public async Task CreateWorkflowDryRun_CreateOptionsDryRunAll_200WithoutUid()
    {
        await CleanAsync();
        using var response = await PostAsync(Workflows, """
            {"createOptions": {"dryRun": ["All"]},
             "workflow": {"metadata": {"name": "test", "labels": {"workflows.argoproj.io/test": "true"}},
              "spec": {"templates": [{"name": "run-workflow", "container": {"image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}],
                "entrypoint": "run-workflow"}}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metadata = (await JsonAsync(response))["metadata"]!.AsObject();
        Assert.False(metadata.ContainsKey("uid"), metadata.ToJsonString());
    }

    // TestWorkflowService: Create, List, ListWithFields, Get, GetByUid, GetWithFields, Suspend, Resume, Terminate,
    // Resubmit, Delete, in upstream's order on one workflow. Upstream's step sleeps 10s and is terminated before it
    // ends; here it sleeps 60s, so that a slow machine still terminates it running (terminate ends it at once).
    [Fact]
    public async Task WorkflowService_CreateListGetSuspendResumeTerminateResubmitDelete()
    {
        await CleanAsync();

        // Create
        using var created = await PostAsync(Workflows, Create(
            """{"generateName": "test-", "labels": {"workflows.argoproj.io/test": "subject-1"}}""", """, "args": ["sleep", "60s"]"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var json = await JsonAsync(created);
        var name = json["metadata"]!["name"]!.GetValue<string>();
        var uid = json["metadata"]!["uid"]!.GetValue<string>();
        Assert.NotEmpty(uid);
        await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Running);

        // List: upstream's items carry their nodes; Durango's list reads each workflow's tags and status, never its
        // node tree, so `nodes` is there but empty (a difference that stays: a list of thousands stays cheap).
        var list = await GetJsonAsync($"{Workflows}?listOptions.labelSelector=workflows.argoproj.io/test%3Dsubject-1");
        Assert.Single(list["items"]!.AsArray());
        Assert.Empty(list["items"]![0]!["status"]!["nodes"]!.AsObject());

        // ListWithFields
        list = await GetJsonAsync($"{Workflows}?listOptions.labelSelector=workflows.argoproj.io/test%3Dsubject-1&fields=-items.status.nodes,items.status.finishedAt,items.status.startedAt");
        Assert.NotNull(list["metadata"]);
        Assert.Single(list["items"]!.AsArray());
        var listed = list["items"]![0]!["status"]!.AsObject();
        Assert.True(listed.ContainsKey("phase"), listed.ToJsonString());
        Assert.False(listed.ContainsKey("nodes"), listed.ToJsonString());

        // Get
        Assert.NotNull((await GetJsonAsync($"{Workflows}/{name}"))["status"]!["nodes"]);
        using (var missing = await serve.Http.GetAsync($"{Workflows}/not-found"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // GetByUid
        Assert.NotNull((await GetJsonAsync($"{Workflows}/{name}?uid={uid}"))["status"]!["nodes"]);

        // GetWithFields
        var projected = (await GetJsonAsync($"{Workflows}/{name}?fields=status.phase"))["status"]!.AsObject();
        Assert.True(projected.ContainsKey("phase"), projected.ToJsonString());
        Assert.False(projected.ContainsKey("nodes"), projected.ToJsonString());

        // Suspend: the next GET shows spec.suspend true.
        using (var suspended = await PutAsync($"{Workflows}/{name}/suspend", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        }

        Assert.True((await GetJsonAsync($"{Workflows}/{name}"))["spec"]!["suspend"]!.GetValue<bool>());

        // Resume: the next GET's spec has no suspend.
        using (var resumed = await PutAsync($"{Workflows}/{name}/resume", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        Assert.False((await GetJsonAsync($"{Workflows}/{name}"))["spec"]!.AsObject().ContainsKey("suspend"));

        // Terminate
        using (var terminated = await PutAsync($"{Workflows}/{name}/terminate", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        }

        await serve.WaitAsync(name);
        Assert.Equal("Stopped with strategy 'Terminate'", (await GetJsonAsync($"{Workflows}/{name}"))["status"]!["message"]!.GetValue<string>());

        // Resubmit
        using (var resubmitted = await PutAsync($"{Workflows}/{name}/resubmit", """{"memoized": true}"""))
        {
            Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
            Assert.NotNull((await JsonAsync(resubmitted))["metadata"]!["name"]);
        }

        // Delete
        using var deleted = await serve.Http.DeleteAsync($"{Workflows}/{name}");
        using var deletedMissing = await serve.Http.DeleteAsync($"{Workflows}/not-found");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedMissing.StatusCode);
    }

    // TestWorkflowServiceListArchived, the subtests on live workflows (ListAll's archiving-status label is the
    // archive's, not ported): ListNameContainsAlice, ListNameContainsNoMatch, ListNamePrefixBob,
    // ListNamePrefixBobNoMatch, ListNameExactAlice, ListNameExactAliceNoMatch, ListNameDefaultExactBob,
    // ListNameDoubleEqualsBob, ListNameContainsTest. Upstream waits until both are archived; here, until both finished.
    [Fact]
    public async Task WorkflowServiceListArchived_NameFilters_SelectByContainsPrefixExact()
    {
        await CleanAsync();
        var (bob, alice) = await BobAndAliceAsync();

        Assert.Equal([alice.Uid], await UidsAsync("metadata.name=alice", "Contains"));
        Assert.Null(await ItemsAsync("metadata.name=void", "Contains"));
        Assert.Equal([bob.Uid], await UidsAsync("metadata.name=test-bob", "Prefix"));
        Assert.Null(await ItemsAsync("metadata.name=bob", "Prefix"));
        Assert.Equal([alice.Uid], await UidsAsync($"metadata.name={alice.Name}", "Exact"));
        Assert.Null(await ItemsAsync("metadata.name=test-alice", "Exact"));
        Assert.Equal([bob.Uid], await UidsAsync($"metadata.name={bob.Name}", null));
        Assert.Equal([bob.Uid], await UidsAsync($"metadata.name=={bob.Name}", null));
        Assert.Equal(Sorted(alice.Uid, bob.Uid), await UidsAsync("metadata.name=test", "Contains"));
    }

    // TestWorkflowArchiveServiceList, the subtests on live workflows (the Archive* ones are the archive's, not
    // ported): ListNameNotEqualsAlice, ListNameNotEqualsNoMatch, ListNameNotEqualsPrecedence (`!=` wins over the
    // nameFilter, as upstream's server/utils/list_options.go reads it).
    [Fact]
    public async Task WorkflowArchiveServiceList_NameNotEquals_ExcludesAndTakesPrecedence()
    {
        await CleanAsync();
        var (bob, alice) = await BobAndAliceAsync();

        Assert.Equal([bob.Uid], await UidsAsync($"metadata.name!={alice.Name}", "NotEquals"));
        Assert.Equal(Sorted(alice.Uid, bob.Uid), await UidsAsync("metadata.name!=nomatch", "NotEquals"));
        Assert.Equal([bob.Uid], await UidsAsync($"metadata.name!={alice.Name}", "Contains"));
    }

    // TestPermission, the subtests that need no Kubernetes RBAC (one token here, so the good and bad service
    // accounts' 403s and the archive's subtests are not ported): CreateWFGoodToken, ListWFsGoodToken,
    // ListWFsGoodTokenNotEqualsNamespace, ListWFsGoodTokenNotEqualsNamespaceExcluded,
    // ListWFsGoodTokenDoubleEqualsNamespace, DeleteWFWithGoodToken. GetWFsFallbackArchivedFakeToken (401) is in
    // E2eArgoServerInfoTests, whose server has a token.
    [Fact]
    public async Task Permission_NamespaceFieldSelectors_AcrossNamespaces()
    {
        await CleanAsync();
        using var created = await PostAsync(Workflows, Create("""{"name": "test-wf-good", "labels": {"workflows.argoproj.io/test": "true"}}"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.NotEmpty((await JsonAsync(created))["metadata"]!["uid"]!.GetValue<string>());

        Assert.Single((await GetJsonAsync($"{Workflows}?listOptions.labelSelector=workflows.argoproj.io/test"))["items"]!.AsArray());
        const string All = "/api/v1/workflows/?listOptions.labelSelector=workflows.argoproj.io/test&listOptions.fieldSelector=";
        Assert.Null((await GetJsonAsync(All + "metadata.namespace!=argo"))["items"]);
        Assert.Single((await GetJsonAsync(All + "metadata.namespace!=argo-excluded"))["items"]!.AsArray());
        Assert.Single((await GetJsonAsync(All + "metadata.namespace==argo"))["items"]!.AsArray());

        await serve.WaitAsync("test-wf-good");
        using var deleted = await serve.Http.DeleteAsync($"{Workflows}/test-wf-good");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    // TestWorkflowServiceStream: Watch (SSE until a line says Succeeded), PodLogs and WorkflowLogs (SSE, a data line
    // with the pod's name). Upstream's Watch also checks lines containing `status:`, which JSON never has (it is
    // `"status":`), so that check never runs. WatchEvents (Kubernetes events) is not ported.
    [Fact]
    public async Task WorkflowServiceStream_WatchThenPodAndWorkflowLogs_AsServerSentEvents()
    {
        await CleanAsync();
        using var created = await PostAsync(Workflows, """
            {"workflow": {"metadata": {"generateName": "basic-"}, "spec": {"entrypoint": "run-workflow",
              "templates": [{"name": "run-workflow", "container": {"image": "argoproj/argosay:v2", "args": ["echo", ":) Hello Argo!"]}}]}}}
            """);
        var name = (await JsonAsync(created))["metadata"]!["name"]!.GetValue<string>();

        // Watch
        await StreamAsync($"/api/v1/workflow-events/argo?listOptions.fieldSelector=metadata.name={name}", line => line.Contains("Succeeded", StringComparison.Ordinal));

        // PodLogs, WorkflowLogs
        foreach (var path in new[] { $"/{name}/log?logOptions.container=main&logOptions.tailLines=3", $"/log?podName={name}&logOptions.container=main&logOptions.tailLines=3" })
        {
            var data = await StreamAsync($"{Workflows}/{name}{path}", line => line.Contains("data: ", StringComparison.Ordinal));
            Assert.Contains($"\"podName\":\"{name}\"", data, StringComparison.Ordinal);
        }
    }

    // TestRetryStoppedButIncompleteWorkflow: upstream's third step runs the argo CLI in a pod to stop the workflow
    // while its `create` step (an output artifact) sleeps; here the test stops it through the API at the same point.
    // The artifact goes to the default repository instead of MinIO.
    [Fact]
    public async Task RetryStoppedButIncompleteWorkflow_Retry_200WithName()
    {
        await CleanAsync();
        using var created = await PostAsync(Workflows, """
            {"workflow": {"metadata": {"generateName": "wf-retry-stopped-"},
              "spec": {"workflowMetadata": {"labels": {"workflows.argoproj.io/test": "true", "workflows.argoproj.io/workflow": "wf-retry-stopped"}},
                "entrypoint": "wf-retry-stopped-main",
                "templates": [
                  {"name": "wf-retry-stopped-main", "steps": [[{"name": "create", "template": "create"}, {"name": "sleep", "template": "sleep"}]]},
                  {"name": "sleep", "container": {"image": "argoproj/argosay:v2", "args": ["sleep", "10"]}},
                  {"name": "create", "container": {"image": "argoproj/argosay:v2", "command": ["sh", "-c"],
                    "args": ["echo \"hello world\" > /tmp/message\nsleep 999\n"]},
                   "outputs": {"artifacts": [{"name": "my-artifact", "path": "/tmp/message", "archive": {"none": {}}}]}}]}}}
            """);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var name = (await JsonAsync(created))["metadata"]!["name"]!.GetValue<string>();
        await serve.WaitAsync(name, v => v.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Running) == 2);
        using (var stopped = await PutAsync($"{Workflows}/{name}/stop", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        }

        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);

        using var retried = await PutAsync($"{Workflows}/{name}/retry", "{}");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.NotNull((await JsonAsync(retried))["metadata"]!["name"]);

        // The retried `create` sleeps again: end it before the next test.
        using var terminated = await PutAsync($"{Workflows}/{name}/terminate", "{}");
        await serve.WaitAsync(name);
    }

    // Upstream's CreateArchivedBobWf and CreateAlice, then waits for both to end.
    private async Task<((string Name, string Uid) Bob, (string Name, string Uid) Alice)> BobAndAliceAsync()
    {
        async Task<(string, string)> CreateAsync(string prefix)
        {
            using var response = await PostAsync(Workflows, Create(
                $$$$$"""{"generateName": "{{{{{prefix}}}}}", "labels": {"workflows.argoproj.io/test": "subject-1"}}""", """, "args": ["sleep", "0s"]"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var metadata = (await JsonAsync(response))["metadata"]!;
            return (metadata["name"]!.GetValue<string>(), metadata["uid"]!.GetValue<string>());
        }

        var bob = await CreateAsync("test-bob-");
        var alice = await CreateAsync("test-alice-");
        await Task.WhenAll(serve.WaitAsync(bob.Item1), serve.WaitAsync(alice.Item1));
        return (bob, alice);
    }

    private async Task<JsonArray?> ItemsAsync(string fieldSelector, string? nameFilter)
    {
        var query = $"{Workflows}?listOptions.fieldSelector={Uri.EscapeDataString(fieldSelector)}" + (nameFilter is null ? string.Empty : $"&nameFilter={nameFilter}");
        return (await GetJsonAsync(query))["items"]?.AsArray();
    }

    private async Task<string[]> UidsAsync(string fieldSelector, string? nameFilter) =>
        Sorted([.. (await ItemsAsync(fieldSelector, nameFilter))!.Select(i => i!["metadata"]!["uid"]!.GetValue<string>())]);

    private static string[] Sorted(params string[] uids) => [.. uids.Order(StringComparer.Ordinal)];

    // Upstream's suite deletes the workflows of the previous test before each test.
    private Task CleanAsync() => serve.Http.DeleteAllAsync(Workflows);

    private Task<HttpResponseMessage> PostAsync(string url, string json) => serve.Http.PostJsonAsync(url, json);

    private Task<HttpResponseMessage> PutAsync(string url, string json) => serve.Http.PutJsonAsync(url, json);

    private Task<JsonNode> GetJsonAsync(string url) => serve.Http.GetJsonAsync(url);

    private Task<string> StreamAsync(string url, Func<string, bool> done) => serve.Http.StreamAsync(url, done);

    private static Task<JsonNode> JsonAsync(HttpResponseMessage response) => response.JsonAsync();
}
