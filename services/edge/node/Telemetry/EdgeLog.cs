
namespace Classroom.Micro.Edge.Telemetry;

/// <summary>Every log line of the edge: stable event ids, named placeholders, never a token or a message body.</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(1000, LogLevel.Information, "Edge node {EdgeId} started")]
    public static partial void EdgeStarted(ILogger logger, string edgeId);

    [LoggerMessage(1001, LogLevel.Information, "Edge lease acquired for {EdgeId}, ttl {TtlMs} ms")]
    public static partial void LeaseAcquired(ILogger logger, string edgeId, long ttlMs);

    [LoggerMessage(1002, LogLevel.Warning, "Edge lease of {EdgeId} had lapsed; re-registered {Subscriptions} subscriptions")]
    public static partial void LeaseReacquired(ILogger logger, string edgeId, int subscriptions);

    [LoggerMessage(1003, LogLevel.Warning, "Edge lease renewal failed for {EdgeId}")]
    public static partial void LeaseRenewFailed(ILogger logger, Exception exception, string edgeId);

    [LoggerMessage(1010, LogLevel.Information, "Attached to fanout replica {Address}")]
    public static partial void FanoutAttached(ILogger logger, Uri address);

    [LoggerMessage(1011, LogLevel.Warning, "Stream to fanout replica {Address} lost; retrying in {DelayMs} ms")]
    public static partial void FanoutLinkLost(ILogger logger, Exception? exception, Uri address, long delayMs);

    [LoggerMessage(1012, LogLevel.Information, "Fanout replica {Address} discovered; attaching")]
    public static partial void FanoutReplicaJoined(ILogger logger, Uri address);

    [LoggerMessage(1013, LogLevel.Information, "Fanout replica {Address} left discovery; its stream is closed")]
    public static partial void FanoutReplicaLeft(ILogger logger, Uri address);

    [LoggerMessage(1020, LogLevel.Debug, "Client {ConnectionId} connected as user {UserId}")]
    public static partial void ClientConnected(ILogger logger, string connectionId, string userId);

    [LoggerMessage(1021, LogLevel.Debug, "Client {ConnectionId} disconnected with {Code} {Reason}")]
    public static partial void ClientDisconnected(ILogger logger, string connectionId, int code, string reason);

    [LoggerMessage(1022, LogLevel.Information, "Connect refused: {Reason}")]
    public static partial void ConnectRefused(ILogger logger, string reason);

    [LoggerMessage(1023, LogLevel.Warning, "Client {ConnectionId} closed as slow: outbound queue full")]
    public static partial void ClientSlow(ILogger logger, string connectionId);

    [LoggerMessage(1024, LogLevel.Warning, "Command {Command} of client {ConnectionId} failed upstream")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command, string connectionId);

    [LoggerMessage(1025, LogLevel.Warning, "Cleanup of client {ConnectionId} in the registry failed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(1026, LogLevel.Debug, "Socket of client {ConnectionId} failed")]
    public static partial void SocketFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(1030, LogLevel.Warning, "Channel {Channel} could not be started; retrying")]
    public static partial void HubStartFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(1031, LogLevel.Warning, "Channel {Channel} stream moved from epoch {OldEpoch} to {NewEpoch}; subscribers must recover")]
    public static partial void EpochChanged(ILogger logger, string channel, string oldEpoch, string newEpoch);

    [LoggerMessage(1032, LogLevel.Warning, "Channel {Channel} lost offsets {From}..{To} from the stream; subscribers must recover")]
    public static partial void GapUnrecoverable(ILogger logger, string channel, ulong from, ulong to);

    [LoggerMessage(1033, LogLevel.Warning, "Filling a gap on channel {Channel} failed; will retry")]
    public static partial void GapFillFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(1034, LogLevel.Error, "Channel {Channel} hub loop failed")]
    public static partial void HubFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(1040, LogLevel.Information, "Draining: disconnecting {Clients} clients over {WindowMs} ms")]
    public static partial void DrainStarted(ILogger logger, int clients, long windowMs);

    [LoggerMessage(1041, LogLevel.Information, "Drained: {Clients} clients told to reconnect elsewhere")]
    public static partial void DrainFinished(ILogger logger, int clients);

    [LoggerMessage(1050, LogLevel.Debug, "Announcing presence on {Channel} failed")]
    public static partial void AnnounceFailed(ILogger logger, Exception exception, string channel);
}
