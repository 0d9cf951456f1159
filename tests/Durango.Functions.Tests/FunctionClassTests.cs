using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Functions.Tests;

/// <summary>
/// The function classes called as the Functions host calls them — with a real ASP.NET Core request and a real
/// <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> — over the real engine on the embedded backend.
/// </summary>
public sealed class FunctionClassTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;
    private WorkflowFunctions _workflows = null!;
    private TemplateFunctions _templates = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.StartAsync();
        var factory = _engine.Services.GetRequiredService<ApiEndpointsFactory>();
        _workflows = new WorkflowFunctions(factory, NullLogger<WorkflowFunctions>.Instance);
        _templates = new TemplateFunctions(factory, NullLogger<TemplateFunctions>.Instance);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task SubmitThenGet_RunsTheWorkflow()
    {
        var (status, body) = await ExecuteAsync(await _workflows.SubmitAsync(Request("POST", "kind: Workflow\nmetadata: {generateName: fn-}\nspec:\n  entrypoint: m\n  templates: [{name: m, container: {image: alpine, command: [echo, from-functions]}}]\n"), _engine.Client));
        Assert.Equal(StatusCodes.Status201Created, status);
        var name = body.RootElement.GetProperty("name").GetString()!;

        var view = await _engine.WaitAsync(name);
        var (getStatus, got) = await ExecuteAsync(await _workflows.GetAsync(Request("GET"), name, _engine.Client));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(StatusCodes.Status200OK, getStatus);
        Assert.Equal("Succeeded", got.RootElement.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Submit_Invalid_400WithDiagnostics()
    {
        var (status, body) = await ExecuteAsync(await _workflows.SubmitAsync(Request("POST", await File.ReadAllTextAsync(ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml"))), _engine.Client));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("InvalidWorkflow", body.RootElement.GetProperty("code").GetString());
        Assert.Equal(18, body.RootElement.GetProperty("diagnostics")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ClusterTemplate_PutThenSubmit_AndControlOfUnknown404()
    {
        var (putStatus, _) = await ExecuteAsync(await _templates.PutClusterWorkflowTemplateAsync(Request("POST", """
            kind: ClusterWorkflowTemplate
            metadata: {name: fn-template}
            spec:
              entrypoint: m
              templates: [{name: m, container: {image: alpine, command: ["true"]}}]
            """), _engine.Client));
        var (submitStatus, submitted) = await ExecuteAsync(await _templates.SubmitClusterWorkflowTemplateAsync(Request("POST"), "fn-template", _engine.Client));
        var (stopStatus, _) = await ExecuteAsync(await _workflows.ControlAsync(Request("POST"), "nobody", "stop", _engine.Client));

        Assert.Equal(StatusCodes.Status201Created, putStatus);
        Assert.Equal(StatusCodes.Status201Created, submitStatus);
        Assert.Equal(WorkflowPhase.Succeeded, (await _engine.WaitAsync(submitted.RootElement.GetProperty("name").GetString()!)).Status.Phase);
        Assert.Equal(StatusCodes.Status404NotFound, stopStatus);
    }

    private static HttpRequest Request(string method, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (body is not null)
        {
            context.Request.ContentType = "application/yaml";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, JsonDocument Body)> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonDocument.ParseAsync(context.Response.Body));
    }
}
