using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Edge.Commands;

/// <summary>Limits of the client commands an edge serves. Bound from <c>Edge:Commands</c> and validated at start.</summary>
internal sealed class CommandOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge:Commands";

    /// <summary>
    /// Deadline of each call to auth and the registry made for a client command (token checks, permissions,
    /// subscriptions, presence, teacher actions). A call past it answers the client 100 (temporary), so a hung auth
    /// never stalls a connection's command loop.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest channel name (in characters) a client may name; longer ones answer 107 without asking anyone.</summary>
    [Range(1, 1024)]
    public int MaxChannelLength { get; set; } = 255;

    /// <summary>Most permission answers one connection keeps (allowed answers only); when full, one is dropped to make room.</summary>
    [Range(1, 10_000)]
    public int PermissionCacheSize { get; set; } = 128;

    /// <summary>
    /// Most publications one <c>history</c> answer holds (<c>limit: -1</c> and larger limits included). A window with
    /// more answers 106 (history window too large) rather than a silently shortened history. The default is the
    /// default retention, so a late joiner can still read a whole retained class.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxHistoryLimit { get; set; } = 20_000;

    /// <summary>
    /// Most payload bytes one <c>history</c> answer holds; a larger window answers 106 instead of filling the
    /// connection's outbound queue (and staying under the 16 MiB gRPC message limit of a fanout read).
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxHistoryBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Commands a connection may send per second on average (a token bucket refilled ten times a second).</summary>
    [Range(1, 100_000)]
    public int RatePerSecond { get; set; } = 100;

    /// <summary>Commands a connection may send at once (the bucket's size).</summary>
    [Range(1, 100_000)]
    public int RateBurst { get; set; } = 200;

    /// <summary>Commands refused with 111 in a row before the connection is closed with 3013 (too many requests).</summary>
    [Range(1, 100_000)]
    public int RateLimitedBeforeDisconnect { get; set; } = 100;
}
