using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>Every log line of endpoint discovery. Event ids are stable: dashboards and alerts key on them.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "{DiscoveryName} endpoints are now {EndpointCount}: {Endpoints}")]
    public static partial void EndpointsChanged(ILogger logger, string discoveryName, int endpointCount, IEnumerable<Uri> endpoints);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning,
        Message = "Looking up {HostName} for {DiscoveryName} failed ({Reason}); its last {EndpointCount} endpoints stay until it resolves again")]
    public static partial void LookupFailed(ILogger logger, Exception? exception, string hostName, string discoveryName, string reason, int endpointCount);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "{HostName} for {DiscoveryName} resolves again ({EndpointCount} endpoints)")]
    public static partial void LookupRecovered(ILogger logger, string hostName, string discoveryName, int endpointCount);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "A user of {DiscoveryName} endpoints failed to take a change")]
    public static partial void ChangeCallbackFailed(ILogger logger, Exception exception, string discoveryName);
}
