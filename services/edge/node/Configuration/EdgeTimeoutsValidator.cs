using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Configuration;

/// <summary>
/// The edge's timeouts in one place, and the order they must keep: each rule names both settings, their values and
/// why, so a misconfigured edge refuses to start with a message that says what to change.
/// </summary>
internal sealed class EdgeTimeoutsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, options.PingInterval, nameof(EdgeOptions.PingInterval));
        RequirePositive(failures, options.PongGrace, nameof(EdgeOptions.PongGrace));
        RequirePositive(failures, options.HeartbeatInterval, nameof(EdgeOptions.HeartbeatInterval));
        RequirePositive(failures, options.ConnectTimeout, nameof(EdgeOptions.ConnectTimeout));
        RequirePositive(failures, options.GapFillDelay, nameof(EdgeOptions.GapFillDelay));
        RequirePositive(failures, options.InterestAckTimeout, nameof(EdgeOptions.InterestAckTimeout));
        RequirePositive(failures, options.JoinDeadline, nameof(EdgeOptions.JoinDeadline));
        RequirePositive(failures, options.JoinTimeout, nameof(EdgeOptions.JoinTimeout));
        RequirePositive(failures, options.AnnounceTimeout, nameof(EdgeOptions.AnnounceTimeout));
        if (options.ExpiredCloseDelay < TimeSpan.Zero)
        {
            failures.Add($"Edge:{nameof(EdgeOptions.ExpiredCloseDelay)} must not be negative (it is {options.ExpiredCloseDelay}).");
        }

        RequireShorter(failures, options.JoinDeadline, nameof(EdgeOptions.JoinDeadline), options.JoinTimeout, nameof(EdgeOptions.JoinTimeout),
            "a join must be abandoned before the subscribe handler answers the client, or the hub could still send for a subscribe the client saw fail");
        RequireShorter(failures, options.InterestAckTimeout, nameof(EdgeOptions.InterestAckTimeout), options.JoinDeadline, nameof(EdgeOptions.JoinDeadline),
            "a join waits for the replicas' acknowledgement first, and must have time left to read the position");
        RequireShorter(failures, options.HeartbeatInterval, nameof(EdgeOptions.HeartbeatInterval), options.ConnectTimeout, nameof(EdgeOptions.ConnectTimeout),
            "the heartbeat enforces the connect deadline and fires up to one interval late");
        RequireShorter(failures, options.HeartbeatInterval, nameof(EdgeOptions.HeartbeatInterval), options.PongGrace, nameof(EdgeOptions.PongGrace),
            "the heartbeat enforces the pong deadline and fires up to one interval late");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Edge:{setting} must be positive (it is {value}).");
        }
    }

    private static void RequireShorter(List<string> failures, TimeSpan shorter, string shorterSetting, TimeSpan longer, string longerSetting, string why)
    {
        if (shorter > TimeSpan.Zero && longer > TimeSpan.Zero && shorter >= longer)
        {
            failures.Add($"Edge:{shorterSetting} ({shorter}) must be shorter than Edge:{longerSetting} ({longer}): {why}.");
        }
    }
}
