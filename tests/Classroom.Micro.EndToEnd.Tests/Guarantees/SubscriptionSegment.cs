namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>
/// A run of one client's subscription to one channel that the server kept continuous: it starts at a subscribe reply
/// that did not recover (the first, or after an announced gap) and goes on through every <c>recovered: true</c>
/// resubscribe. Within it the client must be sent every offset after <see cref="StartOffset"/> exactly once, in order.
/// </summary>
internal sealed class SubscriptionSegment(string client, string epoch, long startOffset, long startedAt)
{
    public string Client { get; } = client;

    public string Epoch { get; } = epoch;

    /// <summary>The position of the subscribe reply that started the segment: offsets after it are owed.</summary>
    public long StartOffset { get; } = startOffset;

    public long StartedAt { get; } = startedAt;

    /// <summary>The newest offset sent in this segment.</summary>
    public long LastOffset { get; set; } = startOffset;

    /// <summary>Offsets sent in this segment.</summary>
    public HashSet<long> Received { get; } = [];

    /// <summary>Null while the segment is open; why it ended otherwise (an announced gap).</summary>
    public string? EndedBy { get; set; }
}
