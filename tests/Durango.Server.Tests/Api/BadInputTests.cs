using System.Net;
using System.Net.Http.Json;
using System.Text;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class BadInputTests(ServeFixture serve)
{
    [Theory]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n     container: {}\n", "InvalidWorkflow", 7)]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps: [[{name: a, template: ghost}]]\n", "InvalidWorkflow", 7)]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      - {name: a, template: t, dependencies: [b]}\n      - {name: b, template: t, dependencies: [a]}\n  - name: t\n    container: {image: alpine}\n", "InvalidWorkflow", 9)]
    [InlineData("kind: Pod\nmetadata: {name: x}\n", "InvalidWorkflow", 1)]
    public async Task Submit_BadSpec_400WithLineAndNothingStarts(string yaml, string code, int line)
    {
        var before = (await serve.Http.GetFromJsonAsync<WorkflowPage>("/api/workflows", WorkflowJson.Options))!.Items.Count;
        var response = await serve.Http.PostAsync("/api/workflows", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        Assert.Equal(code, error.Code);
        Assert.Contains(error.Diagnostics!, d => d.Severity == "error" && d.Line == line);
        Assert.Equal(before, (await serve.Http.GetFromJsonAsync<WorkflowPage>("/api/workflows", WorkflowJson.Options))!.Items.Count);
    }

    [Fact]
    public async Task Submit_OversizedBody_413()
    {
        var body = "# " + new string('x', 70_000) + "\nkind: Workflow\n";
        var response = await serve.Http.PostAsync("/api/workflows", new StringContent(body, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLarge", (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
    }

    [Fact]
    public async Task Submit_WrongContentTypeOrEmpty_4xxWithAdvice()
    {
        var form = await serve.Http.PostAsync("/api/workflows", new StringContent("kind: Workflow", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var empty = await serve.Http.PostAsync("/api/workflows", new StringContent(string.Empty, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("application/yaml", (await form.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/workflows/no-such-workflow")]
    [InlineData("GET", "/api/workflows/no-such-workflow/log")]
    [InlineData("POST", "/api/workflows/no-such-workflow/stop")]
    [InlineData("POST", "/api/workflows/no-such-workflow/resubmit")]
    [InlineData("DELETE", "/api/workflows/no-such-workflow")]
    [InlineData("POST", "/api/workflows/no-such-workflow/explode")]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/api/cluster-workflow-templates/none")]
    public async Task UnknownThings_404Json(string method, string path)
    {
        var response = await serve.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
    }

    [Fact]
    public async Task Submit_BadQuery_400()
    {
        var badParameter = await serve.Http.PostAsync("/api/workflows?parameter=novalue", new StringContent("kind: Workflow", Encoding.UTF8, "application/yaml"));
        var badName = await serve.Http.PostAsync("/api/workflows?name=Not_Valid", new StringContent(
            "kind: Workflow\nspec:\n  entrypoint: m\n  templates: [{name: m, container: {image: a}}]\n", Encoding.UTF8, "application/yaml"));
        var badPhase = await serve.Http.GetAsync("/api/workflows?phase=Sleeping");

        Assert.Equal(HttpStatusCode.BadRequest, badParameter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhase.StatusCode);
    }

    [Fact]
    public async Task Cli_InvalidFile_PrintsDiagnosticsAgainstTheLocalFile()
    {
        var file = Testing.ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml");
        var run = await serve.DurangoAsync("submit", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:18:19: error: templates.main.steps[0].step1 template name 'heads' undefined", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_RequiredWhenConfigured()
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: "k3y");
        using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };

        var without = await http.GetAsync("/api/workflows");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Add("x-api-key", "k3y");
        var with = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }
}
