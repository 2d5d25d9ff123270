using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Registry.Telemetry;

/// <summary>The registry's instruments, on the service's one meter.</summary>
internal sealed class RegistryMetrics
{
    private readonly Counter<long> _subscriptionsAdded;
    private readonly Counter<long> _subscriptionsRemoved;
    private readonly Counter<long> _leasesExpired;
    private readonly Counter<long> _redisErrors;
    private readonly Histogram<double> _redisDuration;

    public RegistryMetrics(ServiceTelemetry telemetry)
    {
        _subscriptionsAdded = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.subscriptions.added", "{subscription}", "Subscriptions recorded (duplicates not counted).");
        _subscriptionsRemoved = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.subscriptions.removed", "{subscription}", "Subscriptions removed: unsubscribed, disconnected, released or swept.");
        _leasesExpired = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.leases.expired", "{lease}", "Edge leases that lapsed without renewal and were swept.");
        _redisErrors = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.redis.errors", "{error}", "Registry operations that failed because Redis was unavailable, by operation.");
        _redisDuration = telemetry.Meter.CreateHistogram<double>(
            "classroom.registry.redis.duration", "ms", "Time a registry call spent on its Redis round trips, by operation.");
    }

    public void SubscriptionsAdded(int count) => Add(_subscriptionsAdded, count);

    public void SubscriptionsRemoved(int count) => Add(_subscriptionsRemoved, count);

    public void LeaseExpired() => _leasesExpired.Add(1);

    /// <summary>Counts a failed Redis operation; <paramref name="operation"/> is a gRPC method or <c>sweep</c>, never a key.</summary>
    public void RedisFailed(string operation) => _redisErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void RedisTook(string operation, TimeSpan duration) =>
        _redisDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));

    private static void Add(Counter<long> counter, int count)
    {
        if (count > 0)
        {
            counter.Add(count);
        }
    }
}
