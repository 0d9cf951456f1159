using Durango.Engine.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Durango.Telemetry;

/// <summary>Registers Durango's telemetry: the node-store decorator, and the OpenTelemetry SDK with OTLP export.</summary>
public static class TelemetryServices
{
    /// <summary>
    /// Wraps the <see cref="INodeStore"/> registered so far in the telemetry decorator. Call it after every registration
    /// that may replace the store (the engine's, the blob stores').
    /// </summary>
    public static IServiceCollection AddDurangoTelemetry(this IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(INodeStore)) ?? throw new InvalidOperationException("register the node store (AddDurangoEngine) before AddDurangoTelemetry");
        services.Remove(inner);
        services.AddSingleton<NodeSpans>();
        services.AddSingleton<INodeStore>(sp => new TracingNodeStore(Create(sp, inner), sp.GetRequiredService<NodeSpans>(), sp));
        return services;
    }

    /// <summary>Durango's spans and Durable Task's own (DTFx's and the SDK's), so that node spans can link to them.</summary>
    public static TracerProviderBuilder AddDurangoInstrumentation(this TracerProviderBuilder builder) =>
        builder.AddSource(DurangoTelemetry.Name).AddSource(DurangoTelemetry.DurableSources);

    /// <summary>Durango's metrics.</summary>
    public static MeterProviderBuilder AddDurangoInstrumentation(this MeterProviderBuilder builder) => builder.AddMeter(DurangoTelemetry.Name);

    /// <summary>
    /// The OpenTelemetry SDK exporting traces and metrics by OTLP, configured by the standard variables
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>,
    /// <c>OTEL_SERVICE_NAME</c>, ...) in <paramref name="configuration"/>; nothing when no endpoint is set. True when added.
    /// </summary>
    public static bool AddDurangoOtlp(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        if (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) && string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            return false;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                {
                    r.AddService(serviceName);
                }
            })
            .WithTracing(t => t.AddDurangoInstrumentation().AddOtlpExporter())
            .WithMetrics(m => m.AddDurangoInstrumentation().AddOtlpExporter());
        return true;
    }

    private static INodeStore Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as INodeStore
        ?? descriptor.ImplementationFactory?.Invoke(services) as INodeStore
        ?? (INodeStore)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
