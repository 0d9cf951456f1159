namespace Durango.Web;

/// <summary>
/// The web view's URL shapes, Argo UI's: the paths that answer the single page (<c>index.html</c>), whose script then
/// shows the page the path names. Hera and <c>argo submit</c> print links of the shape <c>/workflows/{namespace}/{name}</c>.
/// </summary>
public static class WebRoutes
{
    /// <summary>The route patterns of the page (ASP.NET Core syntax), for hosts that map routes one by one.</summary>
    public static IReadOnlyList<string> Patterns { get; } =
    [
        "/",
        "/workflows",
        "/workflows/{namespace}",
        "/workflows/{namespace}/{name}",
        "/submit",
        "/workflow-templates",
        "/workflow-templates/{namespace}",
        "/workflow-templates/{namespace}/{name}",
        "/cluster-workflow-templates",
        "/cluster-workflow-templates/{name}",
        "/cron-workflows",
        "/cron-workflows/{namespace}",
        "/cron-workflows/{namespace}/{name}",
        "/assets/{**path}",
    ];

    private static readonly Dictionary<string, int> MaxDepth = new(StringComparer.Ordinal)
    {
        ["workflows"] = 3,
        ["submit"] = 1,
        ["workflow-templates"] = 3,
        ["cluster-workflow-templates"] = 2,
        ["cron-workflows"] = 3,
    };

    /// <summary>True when <paramref name="path"/> is a page of the view (answered with <c>index.html</c>).</summary>
    public static bool IsPage(string path)
    {
        if (path is "" or "/")
        {
            return true;
        }

        var segments = path.Trim('/').Split('/');
        return MaxDepth.TryGetValue(segments[0], out var depth) && segments.Length <= depth && segments.All(s => s.Length > 0);
    }
}
