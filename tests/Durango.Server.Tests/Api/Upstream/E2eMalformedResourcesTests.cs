using System.Net;
using System.Net.Http.Json;
using System.Text;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>
/// Ports of test/e2e/malformed_resources_test.go (MalformedResourcesSuite) and cron_test.go's
/// <c>TestMalformedCronWorkflow</c>, through the API of a real <c>durango serve</c>: upstream's fixtures
/// (testdata/malformed, testdata/wellformed) give <c>arguments.parameters</c> as a map. Upstream's <c>kubectl apply</c>
/// fails with <c>.spec.arguments.parameters: expected list</c>; Durango's create answers 400 with the error at that
/// path, its line and column, stores nothing, and the server goes on serving well-formed resources.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class E2eMalformedResourcesTests(ServeFixture serve)
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private static string Malformed(string kind, string parametersParent = "spec") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: {{kind}}
        metadata:
          name: malformed
          labels:
            workflows.argoproj.io/test: malformed
        {{(parametersParent == "spec" ? "spec:\n  arguments:\n    parameters:\n      someParam: \"Hello, world!\"" : "spec:\n  workflowSpec:\n    arguments:\n      parameters:\n        someParam: \"Hello, world!\"")}}
        """;

    private string WellformedTemplate(string kind) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: {{kind}}
        metadata:
          name: wellformed-{{_suffix}}
          labels:
            workflows.argoproj.io/test: "true"
        spec:
          entrypoint: main
          templates:
            - name: main
              container:
                image: argoproj/argosay:v2
        """;

    private string WellformedWorkflow(string templateName, bool clusterScope) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wellformed-{{_suffix}}
          labels:
            workflows.argoproj.io/test: "true"
        spec:
          workflowTemplateRef:
            name: {{templateName}}
            clusterScope: {{(clusterScope ? "true" : "false")}}
        """;

    private async Task<HttpResponseMessage> PostAsync(string route, string yaml) =>
        await serve.Http.PostAsync(route, new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    /// <summary>Posts a malformed resource: a 400 naming the path, nothing stored, and the server still answers.</summary>
    private async Task ExpectMalformedAsync(string route, string yaml, string path, string getRoute)
    {
        using var response = await PostAsync(route, yaml);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        var detail = Assert.Single(error.Details!, d => d.Path == path);
        Assert.Equal("error", detail.Severity);
        Assert.Contains("must be a list", detail.Message, StringComparison.Ordinal);
        Assert.NotNull(detail.Line);
        Assert.NotNull(detail.Column);
        using var stored = await serve.Http.GetAsync(getRoute);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        using var alive = await serve.Http.GetAsync("/api/v1/version");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    // Ports MalformedResourcesSuite.TestMalformedWorkflow (testdata/malformed/malformed-workflow.yaml).
    [Fact]
    public async Task MalformedWorkflow_400AtTheParametersPath()
    {
        await ExpectMalformedAsync("/api/v1/workflows/argo", Malformed("Workflow"), "spec.arguments.parameters", "/api/v1/workflows/argo/malformed");
    }

    // Ports MalformedResourcesSuite.TestMalformedWorkflowTemplate: the malformed template is refused, a well-formed one
    // is stored, and a workflow from it succeeds.
    [Fact]
    public async Task MalformedWorkflowTemplate_RefusedAndAWellformedOneRuns()
    {
        await ExpectMalformedAsync("/api/v1/workflow-templates/argo", Malformed("WorkflowTemplate"), "spec.arguments.parameters", "/api/v1/workflow-templates/argo/malformed");
        await ExpectWellformedRunsAsync("/api/v1/workflow-templates/argo", "WorkflowTemplate", clusterScope: false);
    }

    // Ports MalformedResourcesSuite.TestMalformedClusterWorkflowTemplate.
    [Fact]
    public async Task MalformedClusterWorkflowTemplate_RefusedAndAWellformedOneRuns()
    {
        await ExpectMalformedAsync("/api/v1/cluster-workflow-templates", Malformed("ClusterWorkflowTemplate"), "spec.arguments.parameters", "/api/v1/cluster-workflow-templates/malformed");
        await ExpectWellformedRunsAsync("/api/v1/cluster-workflow-templates", "ClusterWorkflowTemplate", clusterScope: true);
    }

    // Ports MalformedResourcesSuite.TestMalformedWorkflowTemplateRef and TestMalformedClusterWorkflowTemplateRef: the
    // template was refused, so a workflow that refers to it names it as not found. Upstream creates that workflow and
    // ends it in Error with `"malformed" not found`; Durango resolves references at submission and answers 400 with it.
    [Theory]
    [InlineData("/api/v1/workflow-templates/argo", "WorkflowTemplate", false)]
    [InlineData("/api/v1/cluster-workflow-templates", "ClusterWorkflowTemplate", true)]
    public async Task MalformedTemplateRef_WorkflowNamesItNotFound(string templates, string kind, bool clusterScope)
    {
        using (await PostAsync(templates, Malformed(kind)))
        {
        }

        using var response = await PostAsync("/api/v1/workflows/argo", WellformedWorkflow("malformed", clusterScope));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        Assert.Contains($"{kind} 'malformed' not found", error.Message + string.Join("\n", error.Details?.Select(d => d.Message) ?? []), StringComparison.Ordinal);
        using var stored = await serve.Http.GetAsync($"/api/v1/workflows/argo/wellformed-{_suffix}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    // Ports CronSuite.TestMalformedCronWorkflow (testdata/malformed/malformed-cronworkflow.yaml): upstream's error is
    // `.spec.workflowSpec.arguments.parameters: expected list`.
    [Fact]
    public async Task MalformedCronWorkflow_400AtTheParametersPath()
    {
        await ExpectMalformedAsync("/api/v1/cron-workflows/argo", Malformed("CronWorkflow", "workflowSpec"), "spec.workflowSpec.arguments.parameters", "/api/v1/cron-workflows/argo/malformed");
    }

    private async Task ExpectWellformedRunsAsync(string templates, string kind, bool clusterScope)
    {
        using var created = await PostAsync(templates, WellformedTemplate(kind));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var submitted = await PostAsync("/api/v1/workflows/argo", WellformedWorkflow($"wellformed-{_suffix}", clusterScope));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var view = await serve.WaitAsync($"wellformed-{_suffix}");
        Assert.Equal($"wellformed-{_suffix}", view.Metadata.Name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }
}
