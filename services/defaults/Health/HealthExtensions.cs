using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Micro.ServiceDefaults.Health;

/// <summary>Liveness depends on nothing external; readiness runs every check tagged <see cref="ReadyTag"/>.</summary>
public static class HealthExtensions
{
    /// <summary>Tag for checks of real dependencies (Redis, upstream services) that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Path of the liveness endpoint.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness endpoint.</summary>
    public const string ReadyPath = "/health/ready";

    internal static void AddClassroomHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());

    internal static void MapClassroomHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Name == "self" });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) || check.Name == "self" });
    }
}
