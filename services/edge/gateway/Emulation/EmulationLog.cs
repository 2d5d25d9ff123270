namespace Classroom.Micro.Gateway.Emulation;

internal static partial class EmulationLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "An emulation request named an edge node that is not in the pool")]
    public static partial void UnknownNode(ILogger logger);
}
