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
    private const string Workflows = "/api/v1/workflows/argo";

    [Theory]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n     container: {}\n", 7)]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps: [[{name: a, template: ghost}]]\n", 7)]
    [InlineData("kind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      - {name: a, template: t, dependencies: [b]}\n      - {name: b, template: t, dependencies: [a]}\n  - name: t\n    container: {image: alpine}\n", 9)]
    [InlineData("kind: Pod\nmetadata: {name: x}\n", 1)]
    public async Task Create_BadSpec_400WithLineAndNothingStarts(string yaml, int line)
    {
        var before = await CountAsync();
        var response = await serve.Http.PostAsync(Workflows, new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        Assert.Equal((int)ArgoCode.InvalidArgument, error.Code);
        Assert.Contains(error.Details!, d => d.Severity == "error" && d.Line == line);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_EnvelopeWithDuplicateKeyOrDeepNesting_400AtItsPlace()
    {
        var duplicate = await serve.Http.PostAsync(Workflows, new StringContent("{\"namespace\": \"argo\",\n \"namespace\": \"x\"}", Encoding.UTF8, "application/json"));
        var deep = await serve.Http.PostAsync(Workflows, new StringContent(
            "{\"workflow\": " + new string('[', 30_000) + new string(']', 30_000) + "}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var error = (await duplicate.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!;
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(error.Details!).Line);
        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
    }

    [Fact]
    public async Task Create_NameWithTrailingNewline_400()
    {
        var response = await serve.Http.PostAsync($"{Workflows}?submitOptions.name={Uri.EscapeDataString("abc\n")}", new StringContent(
            "kind: Workflow\nspec:\n  entrypoint: m\n  templates: [{name: m, container: {image: a}}]\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Submit_OversizedBody_413()
    {
        var body = "# " + new string('x', 70_000) + "\nkind: Workflow\n";
        var response = await serve.Http.PostAsync(Workflows, new StringContent(body, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((int)ArgoCode.ResourceExhausted, (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
    }

    [Fact]
    public async Task Submit_WrongContentTypeOrEmpty_4xxWithAdvice()
    {
        var form = await serve.Http.PostAsync(Workflows, new StringContent("kind: Workflow", Encoding.UTF8, "multipart/form-data"));
        var empty = await serve.Http.PostAsync(Workflows, new StringContent(string.Empty, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("application/yaml", (await form.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/workflows/argo/no-such-workflow")]
    [InlineData("GET", "/api/v1/workflows/argo/no-such-workflow/log")]
    [InlineData("PUT", "/api/v1/workflows/argo/no-such-workflow/stop")]
    [InlineData("PUT", "/api/v1/workflows/argo/no-such-workflow/resubmit")]
    [InlineData("DELETE", "/api/v1/workflows/argo/no-such-workflow")]
    [InlineData("PUT", "/api/v1/workflows/argo/no-such-workflow/explode")]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/api/workflows")]
    [InlineData("GET", "/api/v1/cluster-workflow-templates/none")]
    [InlineData("GET", "/api/v1/workflow-templates/argo/none")]
    public async Task UnknownThings_404Json(string method, string path)
    {
        var response = await serve.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((int)ArgoCode.NotFound, (await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
    }

    [Fact]
    public async Task Submit_BadQuery_400()
    {
        var badParameter = await serve.Http.PostAsync($"{Workflows}?submitOptions.parameters=novalue", new StringContent("kind: Workflow", Encoding.UTF8, "application/yaml"));
        var badName = await serve.Http.PostAsync($"{Workflows}?submitOptions.name=Not_Valid", new StringContent(
            "kind: Workflow\nspec:\n  entrypoint: m\n  templates: [{name: m, container: {image: a}}]\n", Encoding.UTF8, "application/yaml"));
        var badSelector = await serve.Http.GetAsync($"{Workflows}?listOptions.labelSelector={Uri.EscapeDataString("a in b")}");
        var badField = await serve.Http.GetAsync($"{Workflows}?listOptions.fieldSelector=spec.entrypoint%3Dx");
        var badLimit = await serve.Http.GetAsync($"{Workflows}?listOptions.limit=-1");

        Assert.Equal(HttpStatusCode.BadRequest, badParameter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSelector.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badField.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Cli_InvalidFile_PrintsDiagnosticsAgainstTheLocalFile()
    {
        var file = Testing.ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml");
        var run = await serve.DurangoAsync("submit", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:18:19: error: templates.main.steps[0].step1 template name 'heads' undefined", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync() =>
        (await serve.Http.GetFromJsonAsync<WorkflowList>("/api/v1/workflows/", WorkflowJson.Options))!.Items?.Count ?? 0;

    [Fact]
    public async Task ApiKey_RequiredWhenConfigured()
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: "k3y");
        using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };

        var without = await http.GetAsync(Workflows);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, Workflows);
        bearer.Headers.Add("Authorization", "Bearer k3y");
        using var header = new HttpRequestMessage(HttpMethod.Get, Workflows);
        header.Headers.Add("x-api-key", "k3y");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, Workflows);
        wrong.Headers.Add("Authorization", "Bearer nope");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal((int)ArgoCode.Unauthenticated, (await without.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options))!.Code);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(header)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
    }
}
