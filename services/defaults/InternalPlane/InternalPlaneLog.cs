using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

internal static partial class InternalPlaneLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Refused gRPC call {Method} from {Peer}: {Reason}")]
    public static partial void CallerUnauthenticated(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Refused gRPC call {Method} from caller {Caller} at {Peer}: not allowed for that caller")]
    public static partial void CallerDenied(ILogger logger, string method, string caller, string peer);
}
