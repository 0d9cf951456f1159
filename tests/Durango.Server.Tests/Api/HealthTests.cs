using System.Net;
using System.Text.Json;
using Durango.Embedded;
using Durango.Server.Hosting;
using Durango.Testing;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Api;

/// <summary><c>GET /healthz</c> on <c>durango serve</c>: 200 while storage answers, 503 with the reason when it does not.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_InMemory_IsOkWithoutAKey()
    {
        await using var host = await ServeHost.StartAsync(new ConfigurationBuilder().Build(), new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: "secret");
        using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };

        using var response = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_AzuriteStopped_Is503WithTheReason_ThenOkAgain()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var backend = new EmbeddedBackendOptions { Storage = azurite.ConnectionString, TaskHub = AzuriteFixture.NewTaskHub("health") };
        await using var host = await ServeHost.StartAsync(new ConfigurationBuilder().Build(), backend, "http://127.0.0.1:0", apiKey: null);
        using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };

        using (var up = await http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }

        await azurite.StopAsync();
        using var down = await http.GetAsync("healthz");
        var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var storage = body.GetProperty("checks").GetProperty("storage");
        Assert.StartsWith("storage at http://127.0.0.1:", storage.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", body.GetRawText(), StringComparison.Ordinal);

        await azurite.RestartAsync();
        await Eventually.HoldsAsync(async () => (await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK, "healthz to recover");
    }
}
