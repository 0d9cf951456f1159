using System.Security.Cryptography;
using System.Text;
using Durango.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Durango.Server.Hosting;

/// <summary>
/// <c>durango serve --api-key</c>: every request must carry the key, in <c>x-api-key</c> or <c>x-functions-key</c>
/// (what the CLI's <c>--key</c> sends, so the same client works against a Functions app) or <c>?code=</c>.
/// </summary>
internal sealed class ApiKeyCheck(RequestDelegate next, string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers["x-api-key"].FirstOrDefault()
            ?? context.Request.Headers["x-functions-key"].FirstOrDefault()
            ?? context.Request.Query["code"].FirstOrDefault();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key))
        {
            return next(context);
        }

        return ApiResult.Error(StatusCodes.Status401Unauthorized, "Unauthorized", "this server needs an API key: send it in the x-api-key header (durango --key)")
            .ExecuteAsync(context.Response, context.RequestAborted);
    }
}
