using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// Who may call the API, the same on both hosts: with <see cref="ApiOptions.ApiKey"/> set, a request must carry it as
/// <c>Authorization: Bearer KEY</c> (what <c>ARGO_TOKEN</c> and Hera's token send), <c>x-api-key</c> or
/// <c>x-functions-key</c>; behind App Service authentication an identity the platform vouches for is enough.
/// </summary>
public static class ApiAuth
{
    /// <summary>Null when <paramref name="request"/> may proceed, else the 401 to answer.</summary>
    public static ApiResult? Check(HttpRequest request, ApiOptions options)
    {
        if (options.ApiKey is not { Length: > 0 } key)
        {
            return null;
        }

        if (options.TrustAppServiceAuthentication && !string.IsNullOrEmpty(request.Headers["X-MS-CLIENT-PRINCIPAL-ID"].FirstOrDefault()))
        {
            return null;
        }

        var given = Token(request.Headers.Authorization.FirstOrDefault())
            ?? request.Headers["x-api-key"].FirstOrDefault()
            ?? request.Headers["x-functions-key"].FirstOrDefault();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return null;
        }

        var result = ApiResult.Fail(ArgoCode.Unauthenticated, given is null
            ? "this server needs a token: send 'Authorization: Bearer TOKEN' (ARGO_TOKEN='Bearer TOKEN' for the argo CLI, --token for durango)"
            : "the token is not valid for this server");
        result.Headers["WWW-Authenticate"] = "Bearer";
        return result;
    }

    private static string? Token(string? authorization) => authorization switch
    {
        null or "" => null,
        _ when authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => authorization["Bearer ".Length..].Trim(),
        _ => authorization.Trim(),
    };
}
