namespace Classroom.Micro.Auth.Tokens;

internal static partial class TokensLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Token rejected: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "JWKS refreshed: {KeyCount} signing keys")]
    public static partial void JwksRefreshed(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "JWKS refresh failed; keeping {KeyCount} keys held")]
    public static partial void JwksRefreshFailed(ILogger logger, int keyCount, Exception exception);
}
