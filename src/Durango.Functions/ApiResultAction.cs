using Durango.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Durango.Functions;

/// <summary>An <see cref="ApiResult"/> as the <see cref="IActionResult"/> the Functions ASP.NET Core integration executes.</summary>
internal sealed class ApiResultAction(ApiResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) =>
        result.ExecuteAsync(context.HttpContext.Response, context.HttpContext.RequestAborted);
}
