using Classroom.Micro.ServiceDefaults.Health;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Classroom.Micro.ServiceDefaults;

/// <summary>The plumbing every Classroom.Micro service starts with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds OpenTelemetry (traces, metrics, logs over OTLP) and the health check registry.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, ServiceTelemetry telemetry)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddClassroomTelemetry(telemetry);
        builder.Services.AddClassroomHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (process only), <c>/health/ready</c> (real dependencies) and, on the HTTP/1.1
    /// endpoint, <c>/metrics</c> (Prometheus).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapClassroomHealthEndpoints();
        app.UseClassroomMetricsEndpoint();
        return app;
    }
}
