using Durango.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Durango.Functions;

/// <summary>
/// argo-server's artifact downloads, which live beside <c>/api</c> at the root (<c>/artifacts/...</c>,
/// <c>/input-artifacts/...</c> and their <c>-by-uid</c> forms): the same route table and router as <see cref="ApiFunction"/>.
/// </summary>
public sealed class ArtifactFunction(ApiEndpointsFactory api, ApiOptions options, StorageBreaker breaker, ILogger<ArtifactFunction> logger)
{
    /// <summary>The function's name in the Functions host.</summary>
    public const string Name = "DurangoArtifacts";

    /// <summary>The function's route: the prefixes of <see cref="ApiRoutes.ArtifactPaths"/>.</summary>
    public const string Route = "{kind:regex(^((input-)?artifacts(-by-uid)?|artifact-files)$)}/{*path}";

    /// <summary>Streams the artifact <paramref name="request"/> names.</summary>
    [Function(Name)]
    public async Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await ApiRouter.HandleAsync(request.HttpContext, () => api.For(client), options, breaker, logger).ConfigureAwait(false);
    }
}
