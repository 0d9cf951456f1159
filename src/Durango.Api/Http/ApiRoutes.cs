using Durango.Core.Spec;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Api.Http;

/// <summary>One route of the API: its method, its template under <c>/api</c>, and the function that serves it in Azure Functions.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The route template, without the <c>api/</c> prefix (Functions adds it).</param>
/// <param name="Function">The Azure Functions function name.</param>
public sealed record ApiRoute(string Method, string Template, string Function);

/// <summary>
/// The API's routes, one table for both hosts: <c>durango serve</c> maps them here; the Functions app declares a
/// function per route, and a test checks its generated metadata against this table.
/// </summary>
public static class ApiRoutes
{
    /// <summary>Every route.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("POST", "workflows", "SubmitWorkflow"),
        new("GET", "workflows", "ListWorkflows"),
        new("GET", "workflows/{name}", "GetWorkflow"),
        new("DELETE", "workflows/{name}", "DeleteWorkflow"),
        new("GET", "workflows/{name}/log", "GetWorkflowLog"),
        new("POST", "workflows/{name}/resubmit", "ResubmitWorkflow"),
        new("POST", "workflows/{name}/{action}", "ControlWorkflow"),
        .. Templates(WorkflowKind.WorkflowTemplate, "WorkflowTemplate"),
        .. Templates(WorkflowKind.ClusterWorkflowTemplate, "ClusterWorkflowTemplate"),
    ];

    /// <summary>Maps every route onto <paramref name="app"/> under <c>/api</c>, plus a JSON 404 for anything else.</summary>
    public static void MapDurangoApi(this IEndpointRouteBuilder app)
    {
        Map(app, "POST", "workflows", (c, s) => s.GetRequiredService<WorkflowEndpoints>().SubmitAsync(c.Request, c.RequestAborted));
        Map(app, "GET", "workflows", (c, s) => s.GetRequiredService<WorkflowEndpoints>().ListAsync(c.Request, c.RequestAborted));
        Map(app, "GET", "workflows/{name}", (c, s) => s.GetRequiredService<WorkflowEndpoints>().GetAsync(Route(c, "name"), c.RequestAborted));
        Map(app, "DELETE", "workflows/{name}", (c, s) => s.GetRequiredService<WorkflowEndpoints>().DeleteAsync(Route(c, "name"), c.RequestAborted));
        Map(app, "GET", "workflows/{name}/log", (c, s) => s.GetRequiredService<WorkflowEndpoints>().LogsAsync(c.Request, Route(c, "name"), c.RequestAborted));
        Map(app, "POST", "workflows/{name}/resubmit", (c, s) => s.GetRequiredService<WorkflowEndpoints>().ResubmitAsync(Route(c, "name"), c.RequestAborted));
        Map(app, "POST", "workflows/{name}/{action}", (c, s) => s.GetRequiredService<WorkflowEndpoints>().ControlAsync(Route(c, "name"), Route(c, "action"), c.RequestAborted));
        foreach (var kind in new[] { WorkflowKind.WorkflowTemplate, WorkflowKind.ClusterWorkflowTemplate })
        {
            var segment = TemplateEndpoints.Segment(kind);
            Map(app, "POST", segment, (c, s) => s.GetRequiredService<TemplateEndpoints>().PutAsync(kind, c.Request, c.RequestAborted));
            Map(app, "GET", segment, (c, s) => s.GetRequiredService<TemplateEndpoints>().ListAsync(kind, c.RequestAborted));
            Map(app, "GET", $"{segment}/{{name}}", (c, s) => s.GetRequiredService<TemplateEndpoints>().GetAsync(kind, Route(c, "name"), c.RequestAborted));
            Map(app, "DELETE", $"{segment}/{{name}}", (c, s) => s.GetRequiredService<TemplateEndpoints>().DeleteAsync(kind, Route(c, "name"), c.RequestAborted));
            Map(app, "POST", $"{segment}/{{name}}/submit", (c, s) => s.GetRequiredService<TemplateEndpoints>().SubmitAsync(kind, Route(c, "name"), c.Request, c.RequestAborted));
        }

        app.MapFallback(context => ApiResult.Error(StatusCodes.Status404NotFound, "NotFound",
            $"no route {context.Request.Method} {context.Request.Path}; the API is under /api (see the README)").ExecuteAsync(context.Response, context.RequestAborted));
    }

    private static IEnumerable<ApiRoute> Templates(WorkflowKind kind, string name)
    {
        var segment = TemplateEndpoints.Segment(kind);
        return
        [
            new("POST", segment, $"Put{name}"),
            new("GET", segment, $"List{name}s"),
            new("GET", $"{segment}/{{name}}", $"Get{name}"),
            new("DELETE", $"{segment}/{{name}}", $"Delete{name}"),
            new("POST", $"{segment}/{{name}}/submit", $"Submit{name}"),
        ];
    }

    private static void Map(IEndpointRouteBuilder app, string method, string template, Func<HttpContext, IServiceProvider, Task<ApiResult>> handler)
    {
        async Task Handle(HttpContext context)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Durango.Api");
            var result = await ApiGuard.RunAsync(() => handler(context, context.RequestServices), logger, context.RequestAborted).ConfigureAwait(false);
            await result.ExecuteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        app.MapMethods($"/api/{template}", [method], (RequestDelegate)Handle);
    }

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
