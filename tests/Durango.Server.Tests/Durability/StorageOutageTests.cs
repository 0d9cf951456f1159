using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Testing;

namespace Durango.Server.Tests.Durability;

/// <summary>
/// <c>durango serve</c> on Azurite, with Azurite stopped under it: requests are answered 503 Unavailable with
/// <c>Retry-After</c> and argo's error body (never a 500), no request waits much longer than the answer timeout, and
/// once the circuit is open they are answered at once; with Azurite back, the API answers 200 again.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Serve_StorageDown_503WithRetryAfterQuickly_ThenRecovers()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var serve = await ServeProcess.StartAsync(["--storage", azurite.ConnectionString, "--task-hub", AzuriteFixture.NewTaskHub("outage")]);
        using var http = new HttpClient { BaseAddress = new Uri(serve.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/workflows/argo")).StatusCode);

        await azurite.StopAsync();
        var answers = new List<(HttpStatusCode Status, string? RetryAfter, int Code, TimeSpan Took)>();
        foreach (var path in new[] { "/api/v1/workflows/argo", "/api/v1/workflows/argo/some-workflow", "/api/v1/workflow-templates/argo", "/api/v1/workflows/argo" })
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var error = await response.Content.ReadFromJsonAsync<ApiError>(WorkflowJson.Options);
            answers.Add((response.StatusCode, response.Headers.RetryAfter?.ToString(), error?.Code ?? 0, clock.Elapsed));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(answers, a => Assert.Equal((int)ArgoCode.Unavailable, a.Code));
        Assert.All(answers, a => Assert.False(string.IsNullOrEmpty(a.RetryAfter)));

        await azurite.RestartAsync();
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/api/v1/workflows/argo")).StatusCode == HttpStatusCode.OK, "the API answering again after Azurite is back");
    }
}
