using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durango.Testing.StandIns;

/// <summary>A span as an OTLP collector received it.</summary>
public sealed record CollectedSpan(string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes, int Links, int StatusCode, IReadOnlyList<string> Events);

/// <summary>
/// An OpenTelemetry collector stand-in on 127.0.0.1: accepts OTLP/HTTP protobuf on <c>/v1/traces</c> and
/// <c>/v1/metrics</c>, decodes the spans with a small protobuf reader (the OTLP schema's field numbers), keeps them.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Every span received.</summary>
    public ConcurrentQueue<CollectedSpan> Spans { get; } = new();

    /// <summary>How many metric exports arrived.</summary>
    public int MetricExports => _metricExports;

    private int _metricExports;

    /// <summary>Starts the collector on a free loopback port.</summary>
    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpCollector? collector = null;
        app.MapPost("/v1/traces", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            foreach (var span in OtlpSpans.Read(buffer.ToArray()))
            {
                collector!.Spans.Enqueue(span);
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/v1/metrics", context =>
        {
            Interlocked.Increment(ref collector!._metricExports);
            context.Response.ContentType = "application/x-protobuf";
            return Task.CompletedTask;
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        collector = new OtlpCollector(app, address);
        return collector;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
