namespace Classroom.Micro.Auth.DevTokens;

internal static partial class DevTokensLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Development tokens are enabled: POST /dev/token mints a token for anyone who asks (lifetime {Lifetime}). Never enable this in production.")]
    public static partial void Enabled(ILogger logger, TimeSpan lifetime);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Minted a development token for {UserId} ({Role}), valid {Lifetime}")]
    public static partial void Minted(ILogger logger, string userId, string role, TimeSpan lifetime);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Auth:DevTokens:Enabled is set but the environment is {Environment}, not Development: POST /dev/token is not served")]
    public static partial void IgnoredOutsideDevelopment(ILogger logger, string environment);
}
