using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Classroom.Micro.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Wires traces, metrics and logs. Metrics are always scrapeable at <see cref="MetricsEndpoint.Path"/>; the OTLP
    /// exporter (all three signals) is enabled by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, with
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> choosing <c>grpc</c> (default) or <c>http/protobuf</c>.
    /// </summary>
    /// <remarks>
    /// No sampler is set here on purpose: the SDK then reads <c>OTEL_TRACES_SAMPLER</c> (<c>always_on</c>,
    /// <c>always_off</c>, <c>traceidratio</c>, <c>parentbased_always_on</c>, <c>parentbased_always_off</c>,
    /// <c>parentbased_traceidratio</c>) and <c>OTEL_TRACES_SAMPLER_ARG</c> from configuration, which includes the
    /// environment. Without them every trace is kept (<c>parentbased_always_on</c>).
    /// </remarks>
    public static void AddClassroomTelemetry(this IHostApplicationBuilder builder, ServiceTelemetry telemetry)
    {
        builder.Services.AddSingleton(telemetry);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(telemetry.Meter.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(telemetry.ActivitySource.Name)
                // Health probes and scrapes would drown real traffic in traces.
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !MetricsEndpoint.IsScrape(context))
                // One client span per gRPC call, not a second one for the HTTP/2 request underneath it.
                .AddGrpcClientInstrumentation(options => options.SuppressDownstreamInstrumentation = true)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}
