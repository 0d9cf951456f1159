using Durango.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Durango.Functions;

/// <summary>
/// The web view, as in <c>durango serve</c>: every GET that is not <c>/api/...</c> (the API function's route is more
/// specific) is answered by <see cref="WebView"/>, at Argo UI's URLs (<c>/workflows/{namespace}/{name}</c>). The page
/// holds no data; it reads the API with the token the user enters.
/// </summary>
public static class WebFunction
{
    /// <summary>The function's name in the Functions host.</summary>
    public const string Name = "DurangoWeb";

    /// <summary>Serves <paramref name="request"/>: a file of the view, its page, or a 404.</summary>
    [Function(Name)]
    public static Task RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request) =>
        WebView.WriteAsync(request.HttpContext);
}
