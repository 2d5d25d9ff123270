using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Classroom.Micro.ServiceDefaults.Redis;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable", exception);
        }
    }
}
