using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

internal static partial class InternalPlaneLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Refused gRPC call {Method} from {Peer}: internal credential missing or wrong")]
    public static partial void CallerRefused(ILogger logger, string method, string peer);
}
