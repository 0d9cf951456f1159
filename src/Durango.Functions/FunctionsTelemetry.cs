using Azure.Monitor.OpenTelemetry.Exporter;
using Durango.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Durango.Functions;

/// <summary>
/// OpenTelemetry in the Functions worker: the worker's own integration (invocation spans, which Durable's spans and
/// Durango's node spans link to), Durango's and Durable Task's sources and Durango's meter, exported to Application
/// Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Bicep sets it) and by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is. <c>host.json</c> sets <c>telemetryMode</c> to OpenTelemetry and turns on
/// Durable's distributed tracing (V2).
/// </summary>
internal static class FunctionsTelemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static void Configure(FunctionsApplicationBuilder builder)
    {
        builder.Services.AddDurangoTelemetry();
        var otel = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddDurangoInstrumentation())
            .WithMetrics(m => m.AddDurangoInstrumentation());
        if (!string.IsNullOrEmpty(builder.Configuration[ConnectionSetting]))
        {
            otel.UseAzureMonitorExporter();
        }

        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}
