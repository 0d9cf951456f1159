using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Logging;

namespace Durango.Api.Http;

/// <summary>
/// Serves a request from <see cref="ApiRoutes"/>: the one dispatcher of both hosts (<c>durango serve</c> runs every
/// <c>/api</c> request through it; the Functions app's one HTTP function does the same). Checks the token, matches the
/// route, runs the handler under <see cref="ApiGuard"/> and writes the answer; an unknown route is a JSON 404.
/// </summary>
public static class ApiRouter
{
    /// <summary>The header argo-server names its version in.</summary>
    public const string VersionHeader = "Grpc-Metadata-Argo-Version";

    /// <summary>The path prefix the API lives under.</summary>
    public const string Prefix = "/api";

    private static readonly (ApiRoute Route, TemplateMatcher Matcher)[] Matchers =
        ApiRoutes.All.Select(r => (r, new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()))).ToArray();

    /// <summary>
    /// Answers <paramref name="context"/>'s request with <paramref name="endpoints"/>; a host may add to the answer
    /// with <paramref name="decorate"/> (the Functions app adds Durable's management links).
    /// </summary>
    public static async Task HandleAsync(
        HttpContext context, Func<ApiEndpoints> endpoints, ApiOptions options, StorageBreaker breaker, ILogger logger, Func<ApiResult, ApiResult>? decorate = null)
    {
        var result = await AnswerAsync(context, endpoints, options, breaker, logger).ConfigureAwait(false);
        result = decorate?.Invoke(result) ?? result;
        if (result.Status != StatusCodes.Status401Unauthorized)
        {
            // argo-server's version header on every answer but a 401, which must not tell a stranger what it runs.
            result.Headers[VersionHeader] = InfoEndpoints.ArgoVersion;
        }

        await result.ExecuteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<ApiResult> AnswerAsync(HttpContext context, Func<ApiEndpoints> endpoints, ApiOptions options, StorageBreaker breaker, ILogger logger)
    {
        if (ApiAuth.Check(context.Request, options) is { } refused)
        {
            return refused;
        }

        var request = context.Request;
        var path = request.Path.Value is { Length: > 1 } p && p.EndsWith('/') ? new PathString(p.TrimEnd('/')) : request.Path;
        var methodMismatch = false;
        foreach (var (route, matcher) in Matchers)
        {
            var values = new RouteValueDictionary();
            if (!matcher.TryMatch(path, values))
            {
                continue;
            }

            if (!string.Equals(route.Method, request.Method, StringComparison.OrdinalIgnoreCase))
            {
                methodMismatch = true;
                continue;
            }

            // The body is read before the handler runs, so a slow client is answered 408 and never counts as slow storage.
            var body = string.Empty;
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            {
                var (text, refusal) = await RequestBody.ReadAsync(request, options, context.RequestAborted).ConfigureAwait(false);
                if (refusal is not null)
                {
                    return refusal;
                }

                body = text!;
            }

            var call = new ApiCall(context, values, body);
            var abandonable = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            return await ApiGuard.RunAsync(() => route.Handle(endpoints(), call), breaker, abandonable, logger, context.RequestAborted).ConfigureAwait(false);
        }

        return methodMismatch
            ? ApiResult.Fail(StatusCodes.Status405MethodNotAllowed, ArgoCode.Unimplemented, $"{request.Method} is not allowed on {request.Path}")
            : ApiResult.Fail(ArgoCode.NotFound, $"no route {request.Method} {request.Path}; argo-server's API is under /api/v1 (see the README)");
    }
}
