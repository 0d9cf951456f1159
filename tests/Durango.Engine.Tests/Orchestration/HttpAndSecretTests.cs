using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class HttpAndSecretTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Http_PostWithHeadersAndBody_ResultIsTheResponseBody()
    {
        await using var server = await LoopbackServer.StartAsync((request, context) =>
            context.Response.WriteAsync($"got {request.Body} with {request.Headers["X-Token"]}"));
        var view = await RunHttpAsync(server.BaseUrl + "/api", """
                  method: POST
                  headers:
                    - {name: X-Token, valueFrom: {secretKeyRef: {name: test-secret, key: token}}}
                  body: '{"workflow": "{{workflow.name}}"}'
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var request = Assert.Single(server.To("/api"));
        Assert.Equal("POST", request.Method);
        Assert.Equal(EngineFixture.SecretValue, request.Headers["X-Token"]);
        Assert.Equal($$"""{"workflow": "{{view.Metadata.Name}}"}""", request.Body);
        var node = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Http, node.Type);
        Assert.Equal($$"""got {"workflow": "{{view.Metadata.Name}}"} with ***""", node.Outputs?.Result);
        Assert.DoesNotContain(EngineFixture.SecretValue, await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ErrorStatusWithoutCondition_Fails()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var view = await RunHttpAsync(server.BaseUrl + "/down", string.Empty);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("received non-2xx response code: 503", view.Node(view.Metadata.Name).Message);
    }

    [Fact]
    public async Task Http_SuccessCondition_DecidesOverStatusAndBody()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 201;
            return context.Response.WriteAsync("created");
        });
        var pass = await RunHttpAsync(server.BaseUrl + "/x", "successCondition: response.statusCode == 201 && response.body == 'created'");
        var fail = await RunHttpAsync(server.BaseUrl + "/x", "successCondition: response.statusCode == 200");

        Assert.Equal(WorkflowPhase.Succeeded, pass.Status.Phase);
        Assert.Equal(WorkflowPhase.Failed, fail.Status.Phase);
        Assert.Contains("evaluated false", fail.Node(fail.Metadata.Name).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_TimeoutSeconds_FailsASlowRequest()
    {
        await using var server = await LoopbackServer.StartAsync((_, _) => Task.Delay(TimeSpan.FromSeconds(5)));
        var view = await RunHttpAsync(server.BaseUrl + "/slow", "timeoutSeconds: 1");

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Contains("timed out", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_EnvFromSecretKeyRef_ReachTheStepButNeverLogsOrOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: secret-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: alpine
                    command: [sh, -c, 'echo "user=$USER token=$TOKEN"; test "$TOKEN" = "s3cr3t-Value-9f8e7d"']
                    env:
                      - {name: USER, valueFrom: {secretKeyRef: {name: test-secret, key: user}}}
                      - {name: TOKEN, valueFrom: {secretKeyRef: {name: test-secret, key: token}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("user=*** token=***", view.Node(view.Metadata.Name).Outputs?.Result);
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.Contains("token=***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(EngineFixture.SecretValue, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_MissingKey_ErrorsNamingSecretAndKeyOnly()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: no-secret-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: alpine
                    command: ["true"]
                    env: [{name: X, valueFrom: {secretKeyRef: {name: test-secret, key: missing}}}]
            """);

        var node = view.Node(view.Metadata.Name);
        Assert.Equal(NodePhase.Error, node.Phase);
        Assert.Equal("secret 'test-secret' has no key 'missing' (env X); set configuration Secrets:test-secret:missing", node.Message);
    }

    private Task<Api.Workflows.WorkflowView> RunHttpAsync(string url, string extra) => _engine.RunAsync(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: http-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      http:\n        url: " + url + "\n" + TestYaml.Indent(extra, 8));
}
