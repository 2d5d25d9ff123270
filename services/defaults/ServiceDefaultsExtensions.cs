using Classroom.Micro.ServiceDefaults.Health;
using Classroom.Micro.ServiceDefaults.Resilience;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Classroom.Micro.ServiceDefaults;

/// <summary>The plumbing every Classroom.Micro service starts with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry (traces, metrics, logs over OTLP), the health check registry, the resilience options
    /// (named backoffs, circuit breaker) and the system clock as <see cref="TimeProvider"/> unless a test registered its own.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, ServiceTelemetry telemetry)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddClassroomTelemetry(telemetry);
        builder.Services.AddClassroomHealthChecks();
        builder.AddClassroomResilience();
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
