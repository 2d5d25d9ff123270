using Classroom.Micro.Edge.Draining;
using Classroom.Micro.Edge.Upstream;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Micro.Edge.Leases;

/// <summary>Not ready while draining; otherwise ready when the registry holds this edge's lease and at least one fanout replica is attached.</summary>
internal sealed class EdgeReadinessCheck(EdgeLeaseKeeper lease, FanoutPool fanout, EdgeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (drain.IsDraining)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("draining"));
        }

        var attached = fanout.AttachedCount;
        var result = lease.IsHeld && attached > 0
            ? HealthCheckResult.Healthy($"lease held, {attached} fanout replicas attached")
            : HealthCheckResult.Unhealthy($"lease held: {lease.IsHeld}, fanout replicas attached: {attached}");
        return Task.FromResult(result);
    }
}
