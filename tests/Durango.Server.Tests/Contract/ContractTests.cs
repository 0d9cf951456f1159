using System.Net;
using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Contract;

/// <summary>
/// Durango's API against argo-server's OpenAPI document (Argo Workflows v4.1.2): every route is an operation of the
/// document, and in a real session against <c>durango serve</c> every request body and every answer conforms to its
/// operation's schemas.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ContractTests(ServeFixture serve)
{
    private const string ErrorDefinition = "grpc.gateway.runtime.Error";
    private const string Workflows = "/api/v1/workflows/argo";

    /// <summary>Routes Durango serves without a namespace, and the namespaced operation they are (with an empty namespace).</summary>
    private static readonly Dictionary<string, string> AllNamespaces = new(StringComparer.Ordinal)
    {
        ["api/v1/workflows"] = "/api/v1/workflows/{namespace}",
        ["api/v1/workflow-events"] = "/api/v1/workflow-events/{namespace}",
        [ApiRoutes.ArtifactFilesTemplate] = "/artifact-files/{namespace}/{idDiscriminator}/{id}/{nodeId}/{artifactDiscriminator}/{artifactName}",
    };

    private static readonly SwaggerDocument Argo = SwaggerDocument.Argo;
    private static readonly SwaggerSchemaCheck Schema = new(Argo);

    public static TheoryData<string, string, string> Routes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in ApiRoutes.All)
        {
            if (route.Template.Contains("{action}", StringComparison.Ordinal))
            {
                foreach (var action in WorkflowActionEndpoints.Actions)
                {
                    var capitalized = char.ToUpperInvariant(action[0]) + action[1..];
                    data.Add(route.Method, route.Template.Replace("{action}", action, StringComparison.Ordinal), route.Operation.Replace("{action}", capitalized, StringComparison.Ordinal));
                }
            }
            else
            {
                data.Add(route.Method, route.Template, route.Operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Route_InTheTable_IsTheSameOperationInArgoServersDocument(string method, string template, string operation)
    {
        var path = AllNamespaces.GetValueOrDefault(template, "/" + template);

        var found = Argo.Find(method, path);

        Assert.True(found is not null, $"{method} /{template}: argo-server's document has no {method} {path}");
        Assert.Equal(operation, found.OperationId);
    }

    [Fact]
    public void Routes_EveryWorkflowAndTemplateOperationOfTheDocument_IsServed()
    {
        var served = Routes().Select(r => (string)r[2]).ToHashSet(StringComparer.Ordinal);
        var services = new[] { "WorkflowService_", "WorkflowTemplateService_", "ClusterWorkflowTemplateService_", "CronWorkflowService_", "InfoService_", "ArtifactService_" };
        var expected = new[]
        {
            "WorkflowService_CreateWorkflow", "WorkflowService_GetWorkflow", "WorkflowService_ListWorkflows", "WorkflowService_DeleteWorkflow",
            "WorkflowService_LintWorkflow", "WorkflowService_SubmitWorkflow", "WorkflowService_WatchWorkflows", "WorkflowService_WorkflowLogs",
            "WorkflowTemplateService_CreateWorkflowTemplate", "ClusterWorkflowTemplateService_CreateClusterWorkflowTemplate", "InfoService_GetVersion",
            "CronWorkflowService_CreateCronWorkflow", "CronWorkflowService_ListCronWorkflows", "CronWorkflowService_SuspendCronWorkflow",
        };

        Assert.All(expected, id => Assert.Contains(id, served));
        Assert.All(served, id => Assert.Contains(services, s => id.StartsWith(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Session_CreateGetListLintDelete_AnswersConformToTheirSchemas()
    {
        var created = await CallAsync("WorkflowService_CreateWorkflow", Workflows, Create(Quick("contract-crud-")));
        var name = created.GetProperty("metadata").GetProperty("name").GetString()!;
        await serve.WaitAsync(name);

        await CallAsync("WorkflowService_GetWorkflow", $"{Workflows}/{name}");
        await CallAsync("WorkflowService_ListWorkflows", Workflows);
        await CallAsync("WorkflowService_ListWorkflows", "/api/v1/workflows/");
        await CallAsync("WorkflowService_ListWorkflows", $"{Workflows}?listOptions.labelSelector=workflows.argoproj.io/completed%3Dtrue&listOptions.limit=2");
        await CallAsync("WorkflowService_LintWorkflow", $"{Workflows}/lint", Create(Quick("contract-lint-")));
        await CallAsync("WorkflowService_DeleteWorkflow", $"{Workflows}/{name}", method: HttpMethod.Delete);
    }

    [Fact]
    public async Task Session_ErrorAnswers_ConformToGrpcGatewaysError()
    {
        var missing = await CallAsync("WorkflowService_GetWorkflow", $"{Workflows}/no-such-workflow", status: HttpStatusCode.NotFound);
        var bad = await CallAsync("WorkflowService_LintWorkflow", $"{Workflows}/lint", Create(Workflow("contract-bad-", """{"name": "main", "steps": [[{"name": "a", "template": "nowhere"}]]}""")), status: HttpStatusCode.BadRequest);

        Assert.Equal(5, missing.GetProperty("code").GetInt32());
        Assert.Equal(3, bad.GetProperty("code").GetInt32());
        Assert.NotEqual(0, bad.GetProperty("details").GetArrayLength());
    }

    [Fact]
    public async Task Session_EveryAction_AnswersConformToTheirSchemas()
    {
        var running = await StartAsync(Long("contract-actions-"));
        await CallAsync("WorkflowService_SuspendWorkflow", $"{Workflows}/{running}/suspend", Body(new { name = running, @namespace = "argo" }), HttpMethod.Put);
        await CallAsync("WorkflowService_ResumeWorkflow", $"{Workflows}/{running}/resume", Body(new { name = running, @namespace = "argo" }), HttpMethod.Put);
        await CallAsync("WorkflowService_StopWorkflow", $"{Workflows}/{running}/stop", Body(new { name = running, @namespace = "argo", message = "contract" }), HttpMethod.Put);
        await serve.WaitAsync(running);

        var doomed = await StartAsync(Long("contract-terminate-"));
        await CallAsync("WorkflowService_TerminateWorkflow", $"{Workflows}/{doomed}/terminate", Body(new { name = doomed, @namespace = "argo" }), HttpMethod.Put);

        var failed = await StartAsync(Workflow("contract-fail-", """{"name": "main", "container": {"image": "alpine", "command": ["sh", "-c", "exit 1"]}}"""));
        await serve.WaitAsync(failed);
        await CallAsync("WorkflowService_RetryWorkflow", $"{Workflows}/{failed}/retry", Body(new { name = failed, @namespace = "argo", restartSuccessful = false }), HttpMethod.Put);
        await serve.WaitAsync(failed);
        await CallAsync("WorkflowService_ResubmitWorkflow", $"{Workflows}/{failed}/resubmit", Body(new { name = failed, @namespace = "argo", memoized = false }), HttpMethod.Put);

        var waiting = await StartAsync(Workflow("contract-set-", """{"name": "main", "suspend": {}, "outputs": {"parameters": [{"name": "answer", "valueFrom": {"supplied": {}}}]}}"""));
        await serve.WaitAsync(waiting, v => v.HasNode(waiting) && v.Node(waiting).Phase == Durango.Engine.Model.NodePhase.Running);
        await CallAsync("WorkflowService_SetWorkflow", $"{Workflows}/{waiting}/set", Body(new
        {
            name = waiting,
            @namespace = "argo",
            nodeFieldSelector = $"name={waiting}",
            phase = "Succeeded",
            outputParameters = """{"answer": "yes"}""",
        }), HttpMethod.Put);
        await serve.WaitAsync(waiting);
    }

    [Fact]
    public async Task Session_WorkflowTemplates_AnswersConformToTheirSchemas()
    {
        const string Base = "/api/v1/workflow-templates/argo";
        var name = $"contract-wt-{Guid.NewGuid():N}"[..24];
        var created = await CallAsync("WorkflowTemplateService_CreateWorkflowTemplate", Base, Body(new { @namespace = "argo", template = Template(name) }));
        await CallAsync("WorkflowTemplateService_GetWorkflowTemplate", $"{Base}/{name}");
        await CallAsync("WorkflowTemplateService_ListWorkflowTemplates", Base);
        await CallAsync("WorkflowTemplateService_LintWorkflowTemplate", $"{Base}/lint", Body(new { @namespace = "argo", template = Template(name + "-lint") }));
        var version = created.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        await CallAsync("WorkflowTemplateService_UpdateWorkflowTemplate", $"{Base}/{name}", Body(new { name, @namespace = "argo", template = Template(name, version) }), HttpMethod.Put);

        var submitted = await CallAsync("WorkflowService_SubmitWorkflow", $"{Workflows}/submit", Body(new
        {
            @namespace = "argo",
            resourceKind = "WorkflowTemplate",
            resourceName = name,
            submitOptions = new { parameters = new[] { "greeting=hi" }, labels = "team=contract" },
        }));
        await serve.WaitAsync(submitted.GetProperty("metadata").GetProperty("name").GetString()!);

        await CallAsync("WorkflowTemplateService_DeleteWorkflowTemplate", $"{Base}/{name}", method: HttpMethod.Delete);
    }

    [Fact]
    public async Task Session_ClusterWorkflowTemplates_AnswersConformToTheirSchemas()
    {
        const string Base = "/api/v1/cluster-workflow-templates";
        var name = $"contract-cwt-{Guid.NewGuid():N}"[..24];
        var created = await CallAsync("ClusterWorkflowTemplateService_CreateClusterWorkflowTemplate", Base, Body(new { template = Template(name) }));
        await CallAsync("ClusterWorkflowTemplateService_GetClusterWorkflowTemplate", $"{Base}/{name}");
        await CallAsync("ClusterWorkflowTemplateService_ListClusterWorkflowTemplates", Base);
        await CallAsync("ClusterWorkflowTemplateService_LintClusterWorkflowTemplate", $"{Base}/lint", Body(new { template = Template(name + "-lint") }));
        var version = created.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        await CallAsync("ClusterWorkflowTemplateService_UpdateClusterWorkflowTemplate", $"{Base}/{name}", Body(new { name, template = Template(name, version) }), HttpMethod.Put);

        var submitted = await CallAsync("WorkflowService_SubmitWorkflow", $"{Workflows}/submit", Body(new
        {
            @namespace = "argo",
            resourceKind = "ClusterWorkflowTemplate",
            resourceName = name,
            submitOptions = new { parameters = new[] { "greeting=hi" } },
        }));
        await serve.WaitAsync(submitted.GetProperty("metadata").GetProperty("name").GetString()!);

        await CallAsync("ClusterWorkflowTemplateService_DeleteClusterWorkflowTemplate", $"{Base}/{name}", method: HttpMethod.Delete);
    }

    [Fact]
    public async Task Session_InfoVersionUserInfo_AnswersConformToTheirSchemas()
    {
        await CallAsync("InfoService_GetInfo", "/api/v1/info");
        await CallAsync("InfoService_GetVersion", "/api/v1/version");
        await CallAsync("InfoService_GetUserInfo", "/api/v1/userinfo");
    }

    [Fact]
    public async Task Session_WatchEventAndLogEntry_ConformToTheirStreamResults()
    {
        var name = await StartAsync(Quick("contract-stream-"));
        await serve.WaitAsync(name);

        var watch = await StreamItemsAsync("WorkflowService_WatchWorkflows", $"/api/v1/workflow-events/argo?listOptions.fieldSelector=metadata.name={name}", sse: true, last: _ => true);
        var log = await StreamItemsAsync("WorkflowService_WorkflowLogs", $"{Workflows}/{name}/log?logOptions.container=main", sse: false, last: _ => false);

        Assert.Equal(name, Assert.Single(watch).GetProperty("result").GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Contains(log, item => item.GetProperty("result").GetProperty("content").GetString() == "hello");
    }

    /// <summary>
    /// Sends a request of operation <paramref name="operationId"/>, checking the body against the operation's request
    /// schema first, and the answer against its 200 schema (or grpc-gateway's Error for any other status).
    /// </summary>
    private async Task<JsonElement> CallAsync(string operationId, string path, string? body = null, HttpMethod? method = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        var operation = Argo.ById(operationId);
        method ??= body is null ? HttpMethod.Get : HttpMethod.Post;
        Assert.Equal(operation.Method, method.Method);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            Assert.True(operation.Body is not null, $"{operationId} takes no body");
            AssertConforms(Parse(body), operation.Body.Value, $"the request body of {operationId}");
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await serve.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{method} {path} ({operationId}): {(int)response.StatusCode} where {(int)status} was expected: {text}");
        var answer = Parse(text);
        if (status == HttpStatusCode.OK)
        {
            AssertConforms(answer, operation.Response!.Value, $"the answer of {operationId}");
        }
        else
        {
            AssertConforms(answer, Argo.Definition(ErrorDefinition), $"the error answer of {operationId}");
        }

        return answer;
    }

    /// <summary>
    /// The items of a streamed operation, each checked against the operation's stream result schema, up to the first
    /// that <paramref name="last"/> accepts (or the end of the stream).
    /// </summary>
    private async Task<List<JsonElement>> StreamItemsAsync(string operationId, string path, bool sse, Func<JsonElement, bool> last)
    {
        var operation = Argo.ById(operationId);
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (sse)
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        using var response = await serve.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));
        var items = new List<JsonElement>();
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            var json = sse ? (line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null) : line;
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            var item = Parse(json);
            AssertConforms(item, operation.Response!.Value, $"a stream item of {operationId}");
            items.Add(item);
            if (last(item))
            {
                break;
            }
        }

        return items;
    }

    private static void AssertConforms(JsonElement value, JsonElement schema, string what)
    {
        var problems = Schema.Problems(value, schema);
        Assert.True(problems.Count == 0, $"{what} does not conform to argo-server's document:\n  {string.Join("\n  ", problems)}\n{value.GetRawText()}");
    }

    private async Task<string> StartAsync(string workflow)
    {
        var created = await CallAsync("WorkflowService_CreateWorkflow", Workflows, Create(workflow));
        return created.GetProperty("metadata").GetProperty("name").GetString()!;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Body(object value) => JsonSerializer.Serialize(value);

    private static string Create(string workflow) => $$"""{"namespace": "argo", "workflow": {{workflow}}}""";

    private static string Workflow(string generateName, string main) =>
        $$$"""{"metadata": {"generateName": "{{{generateName}}}", "labels": {"suite": "contract"}}, "spec": {"entrypoint": "main", "templates": [{{{main}}}]}}""";

    private static string Quick(string generateName) =>
        Workflow(generateName, """{"name": "main", "container": {"image": "alpine", "command": ["sh", "-c", "echo hello"]}}""");

    private static string Long(string generateName) =>
        Workflow(generateName, """{"name": "main", "container": {"image": "alpine", "command": ["sleep", "120"]}}""");

    private static JsonElement Template(string name, string? resourceVersion = null) => Parse($$$"""
        {
          "metadata": {"name": "{{{name}}}"{{{(resourceVersion is null ? "" : $", \"resourceVersion\": \"{resourceVersion}\"")}}}},
          "spec": {
            "entrypoint": "main",
            "arguments": {"parameters": [{"name": "greeting", "value": "hello"}]},
            "templates": [{
              "name": "main",
              "inputs": {"parameters": [{"name": "greeting"}]},
              "container": {"image": "alpine", "command": ["echo", "{{inputs.parameters.greeting}}"]}
            }]
          }
        }
        """);
}
