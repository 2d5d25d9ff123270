namespace Classroom.Micro.Gateway.Origins;

internal static partial class OriginLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Refused a connection from origin {Origin} to host {Host}: not allowed")]
    public static partial void Refused(ILogger logger, string origin, string host);
}
