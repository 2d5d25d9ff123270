namespace Classroom.Micro.Gateway.Limits;

internal static partial class LimitsLog
{
    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Refused a connection attempt: the client address is over the connect rate limit")]
    public static partial void ConnectLimited(ILogger logger);
}
