namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// The subscribe reply. The SDK keeps <see cref="Epoch"/>/<see cref="Offset"/> as its recovery position only when
/// <see cref="Recoverable"/> is set, and delivers <see cref="Publications"/> (in order) right after it reports the
/// subscription. <see cref="JoinLeave"/> is what the session agreed to push; it has no wire field and is not written.
/// </summary>
internal sealed record SubscribeResult(
    bool Recoverable,
    string? Epoch,
    ulong Offset,
    bool Positioned,
    IReadOnlyList<PublicationView> Publications,
    bool Recovered,
    bool WasRecovering,
    bool Expires,
    uint Ttl,
    bool JoinLeave);
