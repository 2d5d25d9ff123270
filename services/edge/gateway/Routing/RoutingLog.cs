namespace Classroom.Micro.Gateway.Routing;

internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Proxying WebSockets to {EdgeCount} edges ({EdgeAddresses}) and dev tokens to auth at {AuthAddress}")]
    public static partial void ProxyConfigured(ILogger logger, int edgeCount, IEnumerable<Uri> edgeAddresses, Uri authAddress);
}
