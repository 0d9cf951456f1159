using Durango.Api.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Durango.Functions;

/// <summary>
/// <c>GET /healthz</c>: a function of its own, anonymous (probes carry no key), outside the API's <c>/api</c> routes;
/// the same checks and answer as <c>durango serve</c> (<see cref="HealthEndpoint"/>).
/// </summary>
public sealed class HealthFunction(HealthCheckService health)
{
    /// <summary>The function's name in the Functions host.</summary>
    public const string Name = "DurangoHealth";

    /// <summary>Answers 200 when the storage account answers, 503 with the reason when it does not.</summary>
    [Function(Name)]
    public Task RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        HealthEndpoint.WriteAsync(request.HttpContext, health);
}
