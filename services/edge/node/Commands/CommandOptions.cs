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

    /// <summary>
    /// Commands refused with 111 within <see cref="RateLimitWindow"/> past which the connection is closed with 3013
    /// (too many requests): a client that keeps pushing against its limit goes, one that bursts and then behaves stays.
    /// </summary>
    [Range(1, 100_000)]
    public int RateLimitedBeforeDisconnect { get; set; } = 100;

    /// <summary>The window <see cref="RateLimitedBeforeDisconnect"/> counts refusals in (a fixed window from the first refusal).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Commands one user may send per second across all their connections on this edge (a token bucket per user);
    /// past it 111. Several tabs of one person share it, so it is a few times the per-connection rate.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UserRatePerSecond { get; set; } = 300;

    /// <summary>Commands one user may send at once across their connections on this edge.</summary>
    [Range(1, 1_000_000)]
    public int UserRateBurst { get; set; } = 600;

    /// <summary>
    /// Error replies a connection may earn within <see cref="ErrorWindow"/> (refused subscribes, bad requests,
    /// permission denials…; not 100, 109 or 111) before it is closed with 3509 (too many errors, terminal).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxErrors { get; set; } = 50;

    /// <summary>The window <see cref="MaxErrors"/> counts errors in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ErrorWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Channels one connection may be subscribed to, client-side and server-side together. A subscribe past it
    /// answers 106 (limit exceeded); a connect whose token names more closes with 3505 (channel limit).
    /// </summary>
    [Range(1, 1024)]
    public int MaxSubscriptions { get; set; } = 128;

    /// <summary>
    /// Subscribe every connection server-side to its user's <c>personal:#&lt;user&gt;</c> channel on connect (as
    /// Centrifugo's <c>user_subscribe_to_personal</c>). Off by default: the web app subscribes to it itself.
    /// </summary>
    public bool SubscribeToPersonal { get; set; }

    /// <summary>
    /// Largest <c>data</c> of one client publication, in bytes; a larger one answers 106 (limit exceeded) without
    /// reaching fanout, so one student cannot fill a class's retained history with a few huge messages. The default
    /// matches the largest frame a client may send (<c>Edge:MaxFrameBytes</c>); tighten it per namespace below.
    /// </summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxPublicationBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// <see cref="MaxPublicationBytes"/> for the channels of one namespace (the name before <c>:</c>), e.g.
    /// <c>Edge:Commands:PublicationBytesByNamespace:classroom</c>; namespaces not listed use the default.
    /// </summary>
    public Dictionary<string, int> PublicationBytesByNamespace { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The publication size limit of <paramref name="channel"/>'s namespace.</summary>
    public int PublicationLimitOf(string channel)
    {
        var separator = channel.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && PublicationBytesByNamespace.TryGetValue(channel[..separator], out var limit) ? limit : MaxPublicationBytes;
    }
}
