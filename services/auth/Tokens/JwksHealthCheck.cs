using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Not ready until the JWKS document was fetched once: before that every RS256/ES256 token would be rejected.</summary>
internal sealed class JwksHealthCheck(JwksKeySource source) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!source.IsConfigured || source.HasKeys
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("JWKS document not fetched yet"));
}
