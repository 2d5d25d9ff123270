using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Registry.Telemetry;

/// <summary>The registry's instruments, on the service's one meter.</summary>
internal sealed class RegistryMetrics
{
    private readonly Counter<long> _subscriptionsAdded;
    private readonly Counter<long> _subscriptionsRemoved;
    private readonly Counter<long> _leasesExpired;

    public RegistryMetrics(ServiceTelemetry telemetry)
    {
        _subscriptionsAdded = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.subscriptions.added", "{subscription}", "Subscriptions recorded (duplicates not counted).");
        _subscriptionsRemoved = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.subscriptions.removed", "{subscription}", "Subscriptions removed: unsubscribed, disconnected, released or swept.");
        _leasesExpired = telemetry.Meter.CreateCounter<long>(
            "classroom.registry.leases.expired", "{lease}", "Edge leases that lapsed without renewal and were swept.");
    }

    public void SubscriptionsAdded(int count) => Add(_subscriptionsAdded, count);

    public void SubscriptionsRemoved(int count) => Add(_subscriptionsRemoved, count);

    public void LeaseExpired() => _leasesExpired.Add(1);

    private static void Add(Counter<long> counter, int count)
    {
        if (count > 0)
        {
            counter.Add(count);
        }
    }
}
