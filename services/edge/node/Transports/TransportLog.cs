namespace Classroom.Micro.Edge.Transports;

/// <summary>Log lines of the client transports: never a token, a session id or a message body.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Refused a connection from origin {Origin} to host {Host}: not allowed")]
    public static partial void OriginRefused(ILogger logger, string origin, string host);

    [LoggerMessage(1101, LogLevel.Debug, "An emulation request named a session this edge does not hold")]
    public static partial void UnknownSession(ILogger logger);

    [LoggerMessage(1102, LogLevel.Warning, "Refused an emulation request: {Reason}")]
    public static partial void EmulationRefused(ILogger logger, string reason);
}
