using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Testing;

namespace Durango.Server.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class TemplateApiTests(ServeFixture serve)
{
    [Fact]
    public async Task SeedWebhookTemplate_CalledFromAnExitHandler_PostsNameAndStatus()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        var install = await serve.DurangoAsync("cluster-template", "create", ConformanceCorpus.Seed("cluster-template-notify-webhook.yaml"));
        Assert.Equal(0, install.ExitCode);
        Assert.StartsWith("Name:                step-notify-webhook\n", install.Stdout, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"notify-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: notified-}
            spec:
              entrypoint: main
              onExit: notify
              templates:
                - name: main
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
                - name: notify
                  steps:
                    - - name: webhook
                        templateRef: {name: step-notify-webhook, template: webhook, clusterScope: true}
                        arguments: {parameters: [{name: WEBHOOK_ENDPOINT, value: "{{receiver.BaseUrl}}/hook"}]}
            """);
        var submit = await serve.DurangoAsync("submit", file, "--watch");
        File.Delete(file);

        Assert.Equal(1, submit.ExitCode);
        var name = submit.Stdout.Split('\n')[0].Split(':', 2)[1].Trim();
        var request = Assert.Single(receiver.To("/hook"));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal($"{name} Failed", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("Failed", json.RootElement.GetProperty("workflow").GetProperty("status").GetString());
        Assert.Equal(name, json.RootElement.GetProperty("workflow").GetProperty("name").GetString());
        var view = await serve.WaitAsync(name);
        Assert.Equal("webhook", view.Node("webhook").TemplateName);
    }

    [Fact]
    public async Task WorkflowTemplate_InstallListSubmitDelete()
    {
        const string Template = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: greeter}
            spec:
              entrypoint: greet
              arguments: {parameters: [{name: who, value: world}]}
              templates:
                - name: greet
                  container: {image: alpine, command: [echo, "hello {{workflow.parameters.who}}"]}
            """;
        var put = await serve.Http.PostAsync("/api/v1/workflow-templates/argo", new StringContent(Template, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await serve.Http.PostAsync("/api/v1/workflow-templates/argo", new StringContent(Template, Encoding.UTF8, "application/yaml"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Http.GetAsync("/api/v1/workflow-templates/other/greeter")).StatusCode);

        var list = await serve.DurangoAsync("template", "list");
        Assert.Contains("greeter  greet", list.Stdout, StringComparison.Ordinal);

        const string Submit = """{"resourceKind": "WorkflowTemplate", "resourceName": "greeter", "submitOptions": {"parameters": ["who=durango"]}}""";
        var submitted = await serve.Http.PostAsync("/api/v1/workflows/argo/submit", new StringContent(Submit, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var created = (await submitted.Content.ReadFromJsonAsync<WorkflowView>(WorkflowJson.Options))!;
        var name = created.Metadata.Name;
        Assert.StartsWith("greeter-", name, StringComparison.Ordinal);
        Assert.Equal("greeter", created.Metadata.Labels["workflows.argoproj.io/workflow-template"]);
        Assert.Equal("hello durango", (await serve.WaitAsync(name)).Node(name).Outputs?.Result);

        Assert.Equal(0, (await serve.DurangoAsync("template", "delete", "greeter")).ExitCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Http.PostAsync("/api/v1/workflows/argo/submit", new StringContent(Submit, Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Template_Invalid_400WithDiagnostics_AndWrongKind_400()
    {
        var invalid = await serve.Http.PostAsync("/api/v1/workflow-templates/argo", new StringContent("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: broken}
            spec:
              templates:
                - name: main
                  steps: [[{name: a, template: nowhere}]]
            """, Encoding.UTF8, "application/yaml"));
        var wrongKind = await serve.Http.PostAsync("/api/v1/cluster-workflow-templates", new StringContent(
            await File.ReadAllTextAsync(ConformanceCorpus.Seed("exit-handlers.yaml")), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = (await invalid.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        Assert.Equal((int)ArgoCode.InvalidArgument, error.Code);
        Assert.Contains(error.Details!, d => d.Message.Contains("nowhere", StringComparison.Ordinal) && d.Line == 7);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
    }
}
