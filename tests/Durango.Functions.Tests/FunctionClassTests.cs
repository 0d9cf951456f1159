using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Functions.Tests;

/// <summary>
/// The API function called as the Functions host calls it — with a real ASP.NET Core request and a real
/// <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> — over the real engine on the embedded backend.
/// </summary>
public sealed class FunctionClassTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;
    private ApiFunction _api = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartAsync();
        _api = new ApiFunction(_engine.Services.GetRequiredService<ApiEndpointsFactory>(), new ApiOptions(), new StorageBreaker(new ApiOptions()), NullLogger<ApiFunction>.Instance);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task CreateThenGet_RunsTheWorkflow()
    {
        var (status, body) = await CallAsync("POST", "/api/v1/workflows/argo",
            "kind: Workflow\nmetadata: {generateName: fn-}\nspec:\n  entrypoint: m\n  templates: [{name: m, container: {image: alpine, command: [echo, from-functions]}}]\n");
        Assert.Equal(StatusCodes.Status200OK, status);
        var name = body.RootElement.GetProperty("metadata").GetProperty("name").GetString()!;

        var view = await _engine.WaitAsync(name);
        var (getStatus, got) = await CallAsync("GET", $"/api/v1/workflows/argo/{name}");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(StatusCodes.Status200OK, getStatus);
        Assert.Equal("Succeeded", got.RootElement.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Create_Invalid_400WithDiagnosticDetails()
    {
        var (status, body) = await CallAsync("POST", "/api/v1/workflows/argo", await File.ReadAllTextAsync(ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml")));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal((int)ArgoCode.InvalidArgument, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(18, body.RootElement.GetProperty("details")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ClusterTemplate_CreateThenSubmit_AndActionOnUnknown404()
    {
        var (putStatus, _) = await CallAsync("POST", "/api/v1/cluster-workflow-templates", """
            kind: ClusterWorkflowTemplate
            metadata: {name: fn-template}
            spec:
              entrypoint: m
              templates: [{name: m, container: {image: alpine, command: ["true"]}}]
            """);
        var (submitStatus, submitted) = await CallAsync("POST", "/api/v1/workflows/argo/submit",
            """{"resourceKind": "ClusterWorkflowTemplate", "resourceName": "fn-template"}""", "application/json");
        var (stopStatus, stopped) = await CallAsync("PUT", "/api/v1/workflows/argo/nobody/stop", "{}", "application/json");

        Assert.Equal(StatusCodes.Status200OK, putStatus);
        Assert.Equal(StatusCodes.Status200OK, submitStatus);
        Assert.Equal(WorkflowPhase.Succeeded, (await _engine.WaitAsync(submitted.RootElement.GetProperty("metadata").GetProperty("name").GetString()!)).Status.Phase);
        Assert.Equal(StatusCodes.Status404NotFound, stopStatus);
        Assert.Equal((int)ArgoCode.NotFound, stopped.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnknownRoute_404JsonWithGrpcCode()
    {
        var (status, body) = await CallAsync("GET", "/api/workflows");

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal((int)ArgoCode.NotFound, body.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task WebFunction_ArgoUiWorkflowLink_ServesThePageWithItsCsp()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        context.Request.Method = "GET";
        context.Request.Path = "/workflows/argo/hello-abcde";

        await WebFunction.RunAsync(context.Request);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonDocument Body)> CallAsync(string method, string path, string? body = null, string contentType = "application/yaml")
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        context.Request.Method = method;
        context.Request.Path = path;
        if (body is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        await _api.RunAsync(context.Request, _engine.Client);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonDocument.ParseAsync(context.Response.Body));
    }
}
