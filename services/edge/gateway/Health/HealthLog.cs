using Yarp.ReverseProxy.Forwarder;

namespace Classroom.Micro.Gateway.Health;

internal static partial class HealthLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Destination {DestinationId} of cluster {ClusterId} failed a proxied request ({ForwarderError}); out of the pool for {ReactivationPeriod}")]
    public static partial void DestinationFailed(ILogger logger, string clusterId, string destinationId, ForwarderError forwarderError, TimeSpan reactivationPeriod);
}
