using System.Reflection;
using System.Runtime.InteropServices;

namespace Durango.Api.Http;

/// <summary>argo-server's InfoService: <c>/api/v1/info</c>, <c>/api/v1/version</c>, <c>/api/v1/userinfo</c>.</summary>
public sealed class InfoEndpoints(ApiOptions options)
{
    /// <summary>Durango's version, as <c>argo version</c> shows a server's.</summary>
    public static string Version { get; } =
        typeof(InfoEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The version argo-server's clients see: <c>/api/v1/version</c>'s <c>version</c> and the version header.</summary>
    public static string ArgoVersion { get; } = $"v{Version}+durango";

    /// <summary><c>GET /api/v1/info</c>: the namespace a client should default to, and the configured links.</summary>
    public Task<ApiResult> InfoAsync(ApiCall call) => Task.FromResult(ApiResult.Ok(new
    {
        managedNamespace = options.Namespace,
        links = options.Links.Select(l => new { name = l.Name, scope = l.Scope, url = l.Url }).ToArray(),
        columns = Array.Empty<object>(),
    }));

    /// <summary><c>GET /api/v1/version</c>: Durango's version in argo's Version shape.</summary>
    public static Task<ApiResult> VersionAsync(ApiCall call) => Task.FromResult(ApiResult.Ok(new
    {
        version = ArgoVersion,
        buildDate = BuildDate,
        gitCommit = string.Empty,
        gitTag = $"v{Version}",
        gitTreeState = string.Empty,
        goVersion = RuntimeInformation.FrameworkDescription,
        compiler = "dotnet",
        platform = $"{OperatingSystem()}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
    }));

    private static readonly string BuildDate = File.GetLastWriteTimeUtc(typeof(InfoEndpoints).Assembly.Location).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>GET /api/v1/userinfo</c>: who the caller is, as far as the server knows.</summary>
    public Task<ApiResult> UserInfoAsync(ApiCall call)
    {
        var principal = call.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault();
        var subject = call.Request.Headers["X-MS-CLIENT-PRINCIPAL-ID"].FirstOrDefault();
        return Task.FromResult(ApiResult.Ok(options.TrustAppServiceAuthentication && subject is not null
            ? new { subject, name = principal, issuer = "App Service authentication" }
            : (object)new { }));
    }

    private static string OperatingSystem() =>
        System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsWindows() ? "windows" : System.OperatingSystem.IsMacOS() ? "darwin" : "unknown";
}
