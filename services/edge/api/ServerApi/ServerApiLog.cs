namespace Classroom.Micro.Api.ServerApi;

/// <summary>Log lines of the server API: never a key, never a payload.</summary>
internal static partial class ServerApiLog
{
    [LoggerMessage(1300, LogLevel.Warning, "Server API is disabled: no keys are configured (Api:Keys), every call is refused")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(1301, LogLevel.Information, "Server API enabled with {KeyCount} keys")]
    public static partial void Enabled(ILogger logger, int keyCount);

    [LoggerMessage(1302, LogLevel.Warning, "Server API call to {Method} over {Transport} from {ClientAddress} refused: missing or wrong API key")]
    public static partial void Unauthenticated(ILogger logger, string method, string transport, string clientAddress);

    [LoggerMessage(1308, LogLevel.Warning, "Server API call to {Method} over {Transport} from {ClientAddress} refused: too many failed authentications from that address")]
    public static partial void LockedOut(ILogger logger, string method, string transport, string clientAddress);

    [LoggerMessage(1303, LogLevel.Warning, "Server API {Method} failed upstream with {StatusCode}")]
    public static partial void UpstreamFailed(ILogger logger, Exception exception, string method, Grpc.Core.StatusCode statusCode);

    [LoggerMessage(1304, LogLevel.Information, "Server API disconnects user {UserId} (client {ClientId}) with {Code}")]
    public static partial void Disconnecting(ILogger logger, string userId, string clientId, uint code);

    [LoggerMessage(1305, LogLevel.Information, "Server API unsubscribes user {UserId} (client {ClientId}) from {Channel}")]
    public static partial void Unsubscribing(ILogger logger, string userId, string clientId, string channel);

    [LoggerMessage(1306, LogLevel.Information, "Server API removed the history of {Channel}; its position stays at epoch {Epoch}, offset {Offset}")]
    public static partial void HistoryRemoved(ILogger logger, string channel, string epoch, ulong offset);

    [LoggerMessage(1307, LogLevel.Information, "Server API refreshes user {UserId} (client {ClientId}): expired {Expired}, expire_at {ExpireAt}")]
    public static partial void Refreshing(ILogger logger, string userId, string clientId, bool expired, long expireAt);

    [LoggerMessage(1309, LogLevel.Information, "Server API subscribes user {UserId} (client {ClientId}) to {Channel}, recovering {Recovering}")]
    public static partial void Subscribing(ILogger logger, string userId, string clientId, string channel, bool recovering);
}
