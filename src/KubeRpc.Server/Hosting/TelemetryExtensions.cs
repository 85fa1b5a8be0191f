using KubeRpc.Server.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// OpenTelemetry: traces for ASP.NET Core/gRPC and the Kubernetes HTTP calls (children of the RPC span) when an exporter
/// is configured; runtime, RPC and KubeRpc metrics. Metrics are always scrapeable at <c>/metrics</c> (Prometheus text); OTLP export
/// when OTEL_EXPORTER_OTLP_ENDPOINT is set, console when <c>Telemetry:Console</c> is true.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>Requests in flight and queued, and route matches (one endpoint per RPC).</summary>
    private static readonly string[] DroppedPerRequestInstruments =
        ["http.server.active_requests", "kestrel.queued_requests", "aspnetcore.routing.match_attempts"];

    public static void AddKubeRpcTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue("Telemetry:Console", false);
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("kuberpc"));
        // Spans only when something exports them: an always-on sampler without an exporter would still build and
        // tag an Activity for every RPC, a cost a cached Get (tens of microseconds in all) cannot hide.
        if (otlp || console)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });
        }
        telemetry
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                // Per-request instruments that say little beside http.server.request.duration (kept) and the gRPC and
                // KubeRpc meters, yet cost each call its own measurements: dropped, so they are never enabled.
                foreach (var perRequest in DroppedPerRequestInstruments)
                {
                    metrics.AddView(perRequest, MetricStreamConfiguration.Drop);
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
    }
}
