using Classroom.Micro.Edge.Upstream;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Micro.Edge.Leases;

/// <summary>Ready when the registry holds this edge's lease and at least one fanout replica is attached.</summary>
internal sealed class EdgeReadinessCheck(EdgeLeaseKeeper lease, FanoutPool fanout) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var attached = fanout.AttachedCount;
        var result = lease.IsHeld && attached > 0
            ? HealthCheckResult.Healthy($"lease held, {attached} fanout replicas attached")
            : HealthCheckResult.Unhealthy($"lease held: {lease.IsHeld}, fanout replicas attached: {attached}");
        return Task.FromResult(result);
    }
}
