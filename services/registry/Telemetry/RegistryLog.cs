namespace Classroom.Micro.Registry.Telemetry;

/// <summary>Every log line of the registry. Event ids are stable: dashboards and alerts key on them.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Edge {EdgeId} at {Address} holds a lease until {ExpiresAt}; {RemovedSubscriptions} subscriptions of its expired lease removed")]
    public static partial void EdgeLeaseAcquired(this ILogger logger, string edgeId, string address, DateTimeOffset expiresAt, int removedSubscriptions);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Edge {EdgeId} released its lease; {RemovedSubscriptions} subscriptions removed")]
    public static partial void EdgeLeaseReleased(this ILogger logger, string edgeId, int removedSubscriptions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Edge {EdgeId} lease expired without renewal")]
    public static partial void EdgeLeaseExpired(this ILogger logger, string edgeId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Swept edge {EdgeId}: {RemovedSubscriptions} subscriptions removed")]
    public static partial void EdgeLeaseSwept(this ILogger logger, string edgeId, int removedSubscriptions);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Looking for expired edge leases failed; retrying next sweep")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Sweeping edge {EdgeId} failed; retrying next sweep")]
    public static partial void EdgeSweepFailed(this ILogger logger, Exception exception, string edgeId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Redis unavailable during {Method}")]
    public static partial void RedisUnavailable(this ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Announcing a leave on {Channel} through a fanout replica failed")]
    public static partial void LeaveAnnouncementFailed(this ILogger logger, Exception exception, string channel);
}
