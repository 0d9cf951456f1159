using Microsoft.AspNetCore.Http;

namespace Durango.Web;

/// <summary>
/// Durango's web view: answers a GET or HEAD for a path with an embedded file (its content type, an ETag, and the
/// security headers), or with <c>index.html</c> for a page of the view (<see cref="WebRoutes"/>). Everything else,
/// <c>/api/*</c> included, is left to the caller. Both hosts use it: <c>durango serve</c> through
/// <see cref="WebViewEndpoints.MapDurangoWeb"/>, the Functions app from a catch-all HTTP trigger.
/// </summary>
public static class WebView
{
    /// <summary>
    /// The Content Security Policy of every response: scripts and styles only from this origin (no inline script,
    /// no <c>eval</c>), requests only to this origin, no frames, no plugins.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string IndexPath = "/index.html";

    /// <summary>True when this view answers <paramref name="method"/> <paramref name="path"/>.</summary>
    public static bool Handles(string method, string path) =>
        (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && Resolve(path) is not null;

    /// <summary>
    /// Writes the answer to <paramref name="request"/> onto <paramref name="response"/>: the file, a 304 when the
    /// client's <c>If-None-Match</c> still holds, or <c>index.html</c> for a page. Returns false, writing nothing,
    /// when the path is not the view's (an API route, an unknown file) or the method is not GET or HEAD.
    /// </summary>
    public static async Task<bool> TryWriteAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken = default)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || Resolve(request.Path.Value ?? "/") is not { } asset)
        {
            return false;
        }

        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(asset.Content, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Writes the answer for <paramref name="context"/>'s request; a plain 404 when it is not the view's.</summary>
    public static async Task WriteAsync(HttpContext context)
    {
        if (!await TryWriteAsync(context.Request, context.Response, context.RequestAborted).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
    }

    private static WebAsset? Resolve(string path)
    {
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api")
        {
            return null;
        }

        if (path.StartsWith("/assets/", StringComparison.Ordinal))
        {
            return WebAssets.Embedded.Find(path);
        }

        return WebRoutes.IsPage(path) ? WebAssets.Embedded.Find(IndexPath) : null;
    }
}
