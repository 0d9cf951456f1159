using System.Text;
using Microsoft.AspNetCore.Http;

namespace Durango.Web.Tests;

public class WebViewTests
{
    private static async Task<(bool Handled, HttpResponse Response, string Body)> GetAsync(string path, string method = "GET", string? ifNoneMatch = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var handled = await WebView.TryWriteAsync(context.Request, context.Response);
        return (handled, context.Response, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/workflows")]
    [InlineData("/workflows/argo")]
    [InlineData("/workflows/argo/hello-abcde")]
    [InlineData("/submit")]
    [InlineData("/workflow-templates/argo/my-template")]
    [InlineData("/cluster-workflow-templates/notify")]
    [InlineData("/cron-workflows")]
    [InlineData("/cron-workflows/argo")]
    [InlineData("/cron-workflows/argo/nightly")]
    public async Task TryWriteAsync_AppRoute_ServesIndexWithCsp(string path)
    {
        var (handled, response, body) = await GetAsync(path);

        Assert.True(handled);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("<script type=\"module\" src=\"/assets/js/app.js\"></script>", body, StringComparison.Ordinal);
        Assert.Equal(WebView.ContentSecurityPolicy, response.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("script-src 'self'", WebView.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", WebView.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
    }

    [Theory]
    [InlineData("/assets/js/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/assets/js/graph-layout.js", "text/javascript; charset=utf-8")]
    [InlineData("/assets/css/app.css", "text/css; charset=utf-8")]
    [InlineData("/assets/favicon.svg", "image/svg+xml")]
    public async Task TryWriteAsync_Asset_ServesItsContentTypeAndETag(string path, string contentType)
    {
        var (handled, response, body) = await GetAsync(path);

        Assert.True(handled);
        Assert.Equal(contentType, response.ContentType);
        Assert.NotEmpty(body);
        Assert.StartsWith("\"", response.Headers.ETag.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task TryWriteAsync_MatchingIfNoneMatch_Answers304WithoutBody()
    {
        var (_, first, _) = await GetAsync("/assets/js/api.js");

        var (handled, response, body) = await GetAsync("/assets/js/api.js", ifNoneMatch: first.Headers.ETag.ToString());

        Assert.True(handled);
        Assert.Equal(304, response.StatusCode);
        Assert.Empty(body);
    }

    [Theory]
    [InlineData("GET", "/api/v1/workflows/argo")]
    [InlineData("GET", "/api/v1/info")]
    [InlineData("GET", "/assets/js/missing.js")]
    [InlineData("GET", "/workflows/argo/name/extra")]
    [InlineData("GET", "/cron-workflows/argo/name/extra")]
    [InlineData("GET", "/elsewhere")]
    [InlineData("POST", "/workflows/argo")]
    public async Task TryWriteAsync_NotTheViews_WritesNothing(string method, string path)
    {
        var (handled, _, body) = await GetAsync(path, method);

        Assert.False(handled);
        Assert.Empty(body);
    }

    [Fact]
    public async Task TryWriteAsync_Head_AnswersHeadersOnly()
    {
        var (handled, response, body) = await GetAsync("/workflows/argo", "HEAD");

        Assert.True(handled);
        Assert.Equal(200, response.StatusCode);
        Assert.True(response.ContentLength > 0);
        Assert.Empty(body);
    }

    [Fact]
    public async Task Assets_EveryScript_HasNoInlineHandlersOrMarkupSinks()
    {
        var assets = WebAssetsForTests.Paths().Where(p => p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Contains("/assets/js/graph-view.js", assets);
        foreach (var path in assets)
        {
            var (_, _, body) = await GetAsync(path);
            Assert.DoesNotContain("innerHTML", body, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", body, StringComparison.Ordinal);
            Assert.DoesNotContain("eval(", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" onclick=\"", body, StringComparison.Ordinal);
        }
    }
}
