using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Durango.Api.Health;

/// <summary>
/// <c>GET /healthz</c> on both hosts, outside argo-server's <c>/api/v1</c> (which has no health route) and without a
/// key, for load balancers and probes: 200 when every check passes (the storage account answers; the in-memory backend
/// has nothing to check), 503 with each check's reason when one does not.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/healthz";

    /// <summary>Runs the checks and writes <c>{status, checks: {name: {status, description}}}</c> with 200 or 503.</summary>
    public static async Task WriteAsync(HttpContext context, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
        var response = context.Response;
        response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        await JsonSerializer.SerializeAsync(response.Body, body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }
}
