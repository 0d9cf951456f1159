using Durango.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Durango.Functions;

/// <summary>Runs an endpoint inside a function, guarded like every route of <c>durango serve</c>.</summary>
internal static class FunctionRunner
{
    public static async Task<IActionResult> RunAsync(HttpRequest request, ILogger logger, Func<CancellationToken, Task<ApiResult>> handler)
    {
        var cancellation = request.HttpContext.RequestAborted;
        return new ApiResultAction(await ApiGuard.RunAsync(() => handler(cancellation), logger, cancellation).ConfigureAwait(false));
    }
}
