using Durango.Api;
using Durango.Api.Http;
using Durango.Embedded;
using Durango.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Server.Hosting;

/// <summary>
/// <c>durango serve</c>: the HTTP API on Kestrel over the embedded backend, bound to 127.0.0.1 unless told otherwise.
/// The routes and handlers are the Functions app's (<see cref="ApiRoutes"/>).
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    /// <summary>Where <c>durango serve</c> listens by default: Argo server's port, on loopback.</summary>
    public const string DefaultUrls = "http://127.0.0.1:2746";

    private readonly WebApplication _app;

    private ServeHost(WebApplication app, IReadOnlyList<string> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The addresses the server listens on.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the server on <paramref name="urls"/>; <paramref name="apiKey"/>, when set, guards every request.</summary>
    public static async Task<ServeHost> StartAsync(IConfiguration configuration, EmbeddedBackendOptions backend, string urls, string? apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(configuration.AsEnumerable());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A client that sends its body too slowly gets a 408 rather than holding a connection.
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(5));
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        if (apiKey is { Length: > 0 })
        {
            builder.Configuration[$"{ApiOptions.Section}:ApiKey"] = apiKey;
        }

        EmbeddedRuntime.AddEmbeddedDurango(builder.Services, builder.Configuration, backend);
        var app = builder.Build();
        app.MapDurangoApi();
        app.MapDurangoWeb();

        // The backend first, by itself: storage that cannot be reached is one clear message, not a failed host's log.
        try
        {
            await app.Services.GetRequiredService<EmbeddedBackendService>().StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (BackendUnavailableException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        return new ServeHost(app, addresses);
    }

    /// <summary>Waits until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
