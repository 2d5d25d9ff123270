namespace Classroom.Micro.Registry.Channels;

/// <summary>
/// What a channel listing found: the active channels by name, or, when more than the limit matched, none and
/// <see cref="LimitExceeded"/> (an answer that large would be too big to send, let alone read).
/// </summary>
internal sealed record ChannelListing(IReadOnlyList<ActiveChannel> Channels, bool LimitExceeded)
{
    public static ChannelListing TooMany { get; } = new([], LimitExceeded: true);

    public static ChannelListing Of(IReadOnlyList<ActiveChannel> channels) => new(channels, LimitExceeded: false);
}
