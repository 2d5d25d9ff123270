namespace Classroom.Micro.Edge.Telemetry;

/// <summary>Log lines of the teachers' rpc methods (<c>classroom.end</c>, <c>classroom.kick</c>, …).</summary>
internal static partial class RpcLog
{
    [LoggerMessage(1200, LogLevel.Information, "Teacher {UserId} called {Method} on classroom {ClassroomId} (target {TargetUserId})")]
    public static partial void Moderated(ILogger logger, string userId, string method, string classroomId, string targetUserId);

    [LoggerMessage(1201, LogLevel.Debug, "User {UserId} was refused {Method} on classroom {ClassroomId}")]
    public static partial void Refused(ILogger logger, string userId, string method, string classroomId);

    [LoggerMessage(1202, LogLevel.Warning, "Announcing {Method} on {Channel} failed; retrying through another fanout replica")]
    public static partial void AnnounceRetrying(ILogger logger, Exception exception, string method, string channel);

    [LoggerMessage(1203, LogLevel.Error, "Announcing {Method} on {Channel} failed: connections on other edges were not told")]
    public static partial void AnnounceFailed(ILogger logger, Exception exception, string method, string channel);
}
