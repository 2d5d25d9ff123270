using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Classroom.Micro.ServiceDefaults.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> and one <see cref="Meter"/> of a service, named in one place.
/// </summary>
public sealed class ServiceTelemetry : IDisposable
{
    /// <summary>Creates the telemetry sources of a service, e.g. <c>Classroom.Micro.Edge</c>.</summary>
    public ServiceTelemetry(string serviceName)
    {
        ServiceName = serviceName;
        ActivitySource = new ActivitySource(serviceName);
        Meter = new Meter(serviceName);
    }

    /// <summary>The OpenTelemetry service name, also the name of the source and meter.</summary>
    public string ServiceName { get; }

    /// <summary>Spans of this service.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Instruments of this service.</summary>
    public Meter Meter { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
