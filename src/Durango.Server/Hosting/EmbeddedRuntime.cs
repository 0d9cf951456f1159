using System.Runtime.CompilerServices;
using Durango.Api;
using Durango.Api.Workflows;
using Durango.Cloud;
using Durango.Embedded;
using Durango.Engine;
using Durango.Engine.Executors;
using Durango.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Durango.Server.Hosting;

/// <summary>
/// The engine, the application layer and the embedded durable backend in one container: what <c>durango run</c>
/// starts by hand and <c>durango serve</c> starts as hosted services. The tests compose the same way.
/// </summary>
public sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EmbeddedRuntime(ServiceProvider services) => _services = services;

    /// <summary>The workflow service.</summary>
    public WorkflowService Workflows => _services.GetRequiredService<WorkflowService>();

    /// <summary>The container.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Registers everything the embedded host runs.</summary>
    public static IServiceCollection AddEmbeddedDurango(IServiceCollection services, IConfiguration configuration, EmbeddedBackendOptions backend)
    {
        Compose(services, configuration, backend);
        return services;
    }

    /// <summary>The registrations of <see cref="AddEmbeddedDurango"/>; true when OTLP export is configured.</summary>
    private static bool Compose(IServiceCollection services, IConfiguration configuration, EmbeddedBackendOptions backend)
    {
        services.AddSingleton(configuration);
        services.AddDurangoCloud(configuration);
        services.AddDurangoEngine(configuration);
        services.AddDurangoApi(configuration);
        services.AddEmbeddedStorage(backend);
        services.AddEmbeddedDurableBackend(backend);

        // Last: the telemetry decorator wraps whichever node store the lines above chose; OTLP when OTEL_* say where.
        services.AddDurangoTelemetry();
        return services.AddDurangoOtlp(configuration, "durango");
    }

    /// <summary>Builds the container (with <paramref name="extra"/> registrations first, which win) and starts the backend.</summary>
    public static async Task<EmbeddedRuntime> StartAsync(
        IConfiguration configuration, EmbeddedBackendOptions backend, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? extra = null)
    {
        // On another core while the container is built, the backend starts and the workflow is read and checked. Not
        // awaited: nothing waits for it, it only makes the first workflow's first calls cheaper.
        _ = EngineWarmup.StartAsync(EmbeddedDurableHost.Converter);
        var services = new ServiceCollection();
        extra?.Invoke(services);
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Warning);
            logging?.Invoke(builder);
        });
        var exports = Compose(services, configuration, backend);
        var provider = services.BuildServiceProvider();
        if (exports)
        {
            StartExporters(provider);
        }

        // The container runtime now, so that its host probes (the process runtime's) run while the backend starts and
        // the workflow is validated, not before the first step.
        try
        {
            _ = provider.GetService<IContainerRuntime>();
        }
        catch (InvalidOperationException)
        {
            // A runtime that cannot be made: the first step that needs it reports why, as before.
        }

        await provider.GetRequiredService<EmbeddedBackendService>().StartAsync(CancellationToken.None).ConfigureAwait(false);
        return new EmbeddedRuntime(provider);
    }

    /// <summary>
    /// No host starts the OpenTelemetry providers here: resolving them does (disposing the container flushes them). Its
    /// own method, so that a run without OTLP export does not load OpenTelemetry's assemblies.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartExporters(ServiceProvider provider)
    {
        _ = provider.GetService<TracerProvider>();
        _ = provider.GetService<MeterProvider>();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);
}
