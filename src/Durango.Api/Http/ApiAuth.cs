using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Durango.Api.Http;

/// <summary>
/// Who may call the API, the same on both hosts: with <see cref="ApiOptions.ApiKey"/> set, a request must carry it as
/// <c>Authorization: Bearer KEY</c> (what <c>ARGO_TOKEN</c> and Hera's token send), <c>x-api-key</c> or
/// <c>x-functions-key</c>, or in an <c>authorization</c> cookie (<c>Bearer KEY</c>; any of several such cookies, as
/// argo-server's gatekeeper reads them for the UI and SSO wildcard-domain cookies); behind App Service authentication
/// an identity the platform vouches for is enough.
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
        var cookies = CookieTokens(request).ToList();
        if ((given is not null && Same(given, key)) || cookies.Any(c => Same(c, key)))
        {
            return null;
        }

        given ??= cookies.FirstOrDefault();

        var result = ApiResult.Fail(ArgoCode.Unauthenticated, given is null
            ? "this server needs a token: send 'Authorization: Bearer TOKEN' (ARGO_TOKEN='Bearer TOKEN' for the argo CLI, --token for durango)"
            : "the token is not valid for this server");
        result.Headers["WWW-Authenticate"] = "Bearer";
        return result;
    }

    private static bool Same(string given, string key) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

    /// <summary>The tokens of every <c>authorization</c> cookie (a request may carry several of that name).</summary>
    private static IEnumerable<string> CookieTokens(HttpRequest request) =>
        request.Headers.Cookie
            .SelectMany(h => (h ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.StartsWith("authorization=", StringComparison.OrdinalIgnoreCase))
            .Select(c => Token(Uri.UnescapeDataString(c["authorization=".Length..].Trim('"'))))
            .OfType<string>();

    private static string? Token(string? authorization) => authorization switch
    {
        null or "" => null,
        _ when authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => authorization["Bearer ".Length..].Trim(),
        _ => authorization.Trim(),
    };
}
