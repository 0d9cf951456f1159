using Durango.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Durango.Functions;

/// <summary>
/// The API as one HTTP function: every <c>/api/...</c> request goes through <see cref="ApiRouter"/> and its route table,
/// exactly as in <c>durango serve</c>, over the Durable client the Functions host hands to this invocation.
/// Authorization is Durango's own (<see cref="ApiAuth"/>: a Bearer token or App Service authentication), because
/// argo's clients send <c>Authorization: Bearer</c>, which function keys cannot check.
/// </summary>
public sealed class ApiFunction(ApiEndpointsFactory api, ApiOptions options, StorageBreaker breaker, ILogger<ApiFunction> logger)
{
    /// <summary>The function's name in the Functions host.</summary>
    public const string Name = "DurangoApi";

    /// <summary>Serves <paramref name="request"/>; the answer is written to its response (streams included).</summary>
    [Function(Name)]
    public async Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", Route = "api/{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await ApiRouter.HandleAsync(request.HttpContext, () => api.For(client), options, breaker, logger, result => ManagementLinks.Add(result, client)).ConfigureAwait(false);
    }
}
