using System.Net;
using System.Text;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>
/// Upstream's <c>test/e2e/argo_server_test.go</c>, the WorkflowTemplateService and SubmitWorkflow parts, against
/// <c>durango serve</c>. Each test starts by deleting what the previous one left, as upstream's suite does.
/// </summary>
public sealed class E2eArgoServerTemplateTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Templates = "/api/v1/workflow-templates/argo";

    // Upstream's template body: a container with an empty name, which the API accepts as absent.
    private static string Template(string metadata) => $$$$$"""
        {"template": {"metadata": {{{{{metadata}}}}},
          "spec": {"templates": [{"name": "run-workflow", "container": {"name": "", "image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}],
            "entrypoint": "run-workflow"}}}
        """;

    // TestWorkflowTemplateService: Lint, Create, List (with a second template, upstream's
    // smoke/workflow-template-whalesay-template.yaml, that the label selector leaves out), Get, Update, Delete.
    [Fact]
    public async Task WorkflowTemplateService_LintCreateListGetUpdateDelete()
    {
        await CleanAsync();

        // Lint
        using (var linted = await serve.Http.PostJsonAsync($"{Templates}/lint", Template("""{"name": "test", "labels": {"workflows.argoproj.io/test": "true"}}""")))
        {
            Assert.True(linted.StatusCode == HttpStatusCode.OK, await linted.Content.ReadAsStringAsync());
        }

        // Create
        using (var created = await serve.Http.PostJsonAsync(Templates, Template("""{"name": "test", "labels": {"workflows.argoproj.io/test": "subject-3"}}""")))
        {
            Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        }

        // List
        using (var whalesay = await serve.Http.PostAsync(Templates, new StringContent(WhalesayTemplate, Encoding.UTF8, "application/yaml")))
        {
            Assert.True(whalesay.StatusCode == HttpStatusCode.OK, await whalesay.Content.ReadAsStringAsync());
        }

        Assert.Single((await serve.Http.GetJsonAsync($"{Templates}?listOptions.labelSelector=workflows.argoproj.io/test%3Dsubject-3"))["items"]!.AsArray());

        // Get
        using (var missing = await serve.Http.GetAsync($"{Templates}/not-found"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var resourceVersion = (await serve.Http.GetJsonAsync($"{Templates}/test"))["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.NotEmpty(resourceVersion);

        // Update
        using (var updated = await serve.Http.PutJsonAsync($"{Templates}/test", Template(
            $$$$$"""{"name": "test", "resourceVersion": "{{{{{resourceVersion}}}}}", "labels": {"workflows.argoproj.io/test": "true"}}""")))
        {
            Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
            Assert.Equal("argoproj/argosay:v2", (await updated.JsonAsync())["spec"]!["templates"]![0]!["container"]!["image"]!.GetValue<string>());
        }

        // Delete
        using var deleted = await serve.Http.DeleteAsync($"{Templates}/test");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    // TestSubmitWorkflowFromResource: CreateWFT, SubmitWFT, CreateCronWF, SubmitWFT (resourceKind "cronworkflow",
    // lower case), CreateCWFT, SubmitCWFT, each 200. Upstream sleeps a second for its informer cache; Durango reads
    // what it just stored.
    [Fact]
    public async Task SubmitWorkflowFromResource_WorkflowTemplateCronWorkflowClusterTemplate_200()
    {
        await CleanAsync();
        const string Labels = """{"resourceKind": "KIND", "resourceName": "test", "submitOptions": {"labels": "workflows.argoproj.io/test=true"}}""";

        using (var template = await serve.Http.PostJsonAsync(Templates, Template("""{"name": "test", "labels": {"workflows.argoproj.io/test": "subject-4"}}""")))
        {
            Assert.True(template.StatusCode == HttpStatusCode.OK, await template.Content.ReadAsStringAsync());
        }

        await SubmitAsync(Labels.Replace("KIND", "WorkflowTemplate", StringComparison.Ordinal));

        using (var cron = await serve.Http.PostJsonAsync("/api/v1/cron-workflows/argo", """
            {"cronWorkflow": {"metadata": {"name": "test", "labels": {"workflows.argoproj.io/test": "subject-5"}},
              "spec": {"schedules": ["* * * * *"], "workflowSpec": {"entrypoint": "whalesay",
                "templates": [{"name": "whalesay", "container": {"image": "argoproj/argosay:v2", "imagePullPolicy": "IfNotPresent"}}]}}}}
            """))
        {
            Assert.True(cron.StatusCode == HttpStatusCode.OK, await cron.Content.ReadAsStringAsync());
        }

        await SubmitAsync(Labels.Replace("KIND", "cronworkflow", StringComparison.Ordinal));

        using (var cluster = await serve.Http.PostJsonAsync("/api/v1/cluster-workflow-templates", Template("""{"name": "test", "labels": {"workflows.argoproj.io/test": "subject-6"}}""")))
        {
            Assert.True(cluster.StatusCode == HttpStatusCode.OK, await cluster.Content.ReadAsStringAsync());
        }

        await SubmitAsync(Labels.Replace("KIND", "ClusterWorkflowTemplate", StringComparison.Ordinal));
        await CleanAsync();
    }

    private async Task SubmitAsync(string body)
    {
        using var submitted = await serve.Http.PostJsonAsync("/api/v1/workflows/argo/submit", body);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
    }

    // Upstream's suite deletes what the previous test left before each test.
    private Task CleanAsync() =>
        serve.Http.DeleteAllAsync("/api/v1/workflows/argo", "/api/v1/cron-workflows/argo", Templates, "/api/v1/cluster-workflow-templates");

    // Upstream's test/e2e/smoke/workflow-template-whalesay-template.yaml.
    private const string WhalesayTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: workflow-template-whalesay-template
          labels:
            workflows.argoproj.io/test: "true"
        spec:
          entrypoint: whalesay-template
          onExit: on-exit
          arguments:
            parameters:
              - name: message
                value: hello world
          templates:
            - name: whalesay-template
              inputs:
                parameters:
                  - name: message
              container:
                image: argoproj/argosay:v2
                args: ["echo", "{{inputs.parameters.message}}"]
            - name: on-exit
              container:
                image: argoproj/argosay:v2
                args: ["echo", "Exit Handler"]
        """;
}
