using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>Refused internal calls, on the service's own meter.</summary>
internal sealed class InternalPlaneMetrics(ServiceTelemetry telemetry)
{
    private readonly Counter<long> _refused = telemetry.Meter.CreateCounter<long>(
        "classroom.internal.calls_refused",
        unit: "{call}",
        description: "Internal gRPC calls refused: outcome unauthenticated (no valid caller assertion) or denied (caller not allowed for the method)");

    public void Unauthenticated(string method) =>
        _refused.Add(1, new KeyValuePair<string, object?>("outcome", "unauthenticated"), new KeyValuePair<string, object?>("method", method));

    public void Denied(string method, string caller) =>
        _refused.Add(1, new KeyValuePair<string, object?>("outcome", "denied"), new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("caller", caller));
}
