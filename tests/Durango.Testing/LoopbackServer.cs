using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Testing;

/// <summary>A request a <see cref="LoopbackServer"/> received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, standing in for an external API (a webhook, SendGrid, ARM).
/// It records every request; <c>respond</c> decides each response.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the server listens, like <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Every request so far, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Requests to <paramref name="path"/>.</summary>
    public IReadOnlyList<ReceivedRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Starts a server; <paramref name="respond"/> writes each response (200 and an empty body by default).</summary>
    public static async Task<LoopbackServer> StartAsync(Func<ReceivedRequest, HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            server!.Requests.Enqueue(request);
            if (respond is not null)
            {
                await respond(request, context).ConfigureAwait(false);
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
