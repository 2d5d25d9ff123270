namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// The trace context each delivery of one channel arrived with, by offset, until the sequencer releases that
/// publication. Kept beside the sequencer rather than in the publication's tags, which go to clients.
/// Publications read back from the stream carry none. Touched only by the channel's hub loop.
/// </summary>
internal sealed class DeliveryTraceparents
{
    // A long gap buffers deliveries; losing their trace context is better than growing without bound.
    private const int MaxRemembered = 4096;

    private readonly Dictionary<ulong, (string Epoch, string Traceparent)> _byOffset = [];

    public void Remember(string epoch, ulong offset, string traceparent)
    {
        if (traceparent.Length == 0)
        {
            return;
        }

        if (_byOffset.Count >= MaxRemembered)
        {
            _byOffset.Clear();
        }

        _byOffset[offset] = (epoch, traceparent);
    }

    /// <summary>The traceparent of <paramref name="offset"/> in <paramref name="epoch"/>, forgotten once taken.</summary>
    public string? Take(string epoch, ulong offset) =>
        _byOffset.Remove(offset, out var entry) && string.Equals(entry.Epoch, epoch, StringComparison.Ordinal) ? entry.Traceparent : null;

    /// <summary>Forgets offsets up to <paramref name="lastReleased"/>: released, skipped or of a former epoch.</summary>
    public void ForgetThrough(ulong lastReleased)
    {
        if (_byOffset.Count == 0)
        {
            return;
        }

        foreach (var offset in _byOffset.Keys.Where(offset => offset <= lastReleased).ToList())
        {
            _byOffset.Remove(offset);
        }
    }
}
