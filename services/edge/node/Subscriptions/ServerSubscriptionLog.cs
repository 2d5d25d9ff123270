namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>Log events of server-side subscriptions (token <c>channels</c>, personal channel, server API).</summary>
internal static partial class ServerSubscriptionLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Server-side subscription of client {ConnectionId} to {Channel} refused with {Code}")]
    public static partial void Refused(ILogger logger, string connectionId, string channel, int code);

    [LoggerMessage(1101, LogLevel.Warning, "Server-side subscription of client {ConnectionId} to {Channel} failed upstream")]
    public static partial void Failed(ILogger logger, Exception exception, string connectionId, string channel);
}
