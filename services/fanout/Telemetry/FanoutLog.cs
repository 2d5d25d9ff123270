namespace Classroom.Micro.Fanout.Telemetry;

/// <summary>Every log line of the fanout. Channel names and edge ids only, never publication payloads.</summary>
internal static partial class FanoutLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Edge {EdgeId} attached")]
    public static partial void EdgeAttached(ILogger logger, string edgeId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Edge {EdgeId} detached: {Reason}")]
    public static partial void EdgeDetached(ILogger logger, string edgeId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Edge {EdgeId} attached again; its previous stream is closed")]
    public static partial void EdgeReplaced(ILogger logger, string edgeId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Edge {EdgeId} dropped as too slow: {Capacity} messages queued; it will reconnect and catch up")]
    public static partial void SlowEdgeDropped(ILogger logger, string edgeId, int capacity);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Writing to edge {EdgeId} failed")]
    public static partial void EdgeWriteFailed(ILogger logger, string edgeId, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Redis {Operation} failed for channel {Channel}")]
    public static partial void RedisFailed(ILogger logger, string operation, string channel, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Append to channel {Channel} confirmed by {Confirmed} of {Required} replicas in time")]
    public static partial void ReplicationUnconfirmed(ILogger logger, string channel, int confirmed, int required);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "History of channel {Channel} removed; its position stays at epoch {Epoch}, offset {Offset}")]
    public static partial void HistoryRemoved(ILogger logger, string channel, string epoch, ulong offset);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Error, Message = "Position report failed; retrying at the next interval")]
    public static partial void PositionReportFailed(ILogger logger, Exception exception);
}
