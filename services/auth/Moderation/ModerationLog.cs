namespace Classroom.Micro.Auth.Moderation;

internal static partial class ModerationLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Teacher {UserId} applied {Action} in classroom {ClassroomId} (target {TargetUserId})")]
    public static partial void Applied(ILogger logger, string userId, string classroomId, ClassroomAction action, string targetUserId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "User {UserId} may not moderate classroom {ClassroomId} ({Action} refused)")]
    public static partial void Refused(ILogger logger, string userId, string classroomId, ClassroomAction action);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Moderation state is unavailable for {Method}")]
    public static partial void StateUnavailable(ILogger logger, Exception exception, string method);
}
