using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durango.Web;

/// <summary>Maps the web view onto an ASP.NET Core app (<c>durango serve</c>).</summary>
public static class WebViewEndpoints
{
    /// <summary>
    /// Maps every route of the view (<see cref="WebRoutes.Patterns"/>) for GET and HEAD. Explicit routes win over an
    /// API's fallback, so unknown paths and everything under <c>/api</c> keep the API's JSON answers.
    /// </summary>
    public static IEndpointRouteBuilder MapDurangoWeb(this IEndpointRouteBuilder app)
    {
        foreach (var pattern in WebRoutes.Patterns)
        {
            app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], WebView.WriteAsync);
        }

        return app;
    }
}
