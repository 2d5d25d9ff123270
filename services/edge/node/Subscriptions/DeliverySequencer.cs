using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>What became of a delivery offered to the <see cref="DeliverySequencer"/>.</summary>
internal enum SequenceOutcome
{
    /// <summary>It was next in line; it and any buffered successors are ready.</summary>
    Released,

    /// <summary>Already released or already buffered: dropped.</summary>
    Duplicate,

    /// <summary>An earlier offset is missing; buffered until the gap is filled.</summary>
    Buffered,

    /// <summary>It belongs to another epoch: the stream was lost or reset.</summary>
    EpochChanged,
}

/// <summary>
/// Puts one channel's deliveries into stream order on this edge: releases offsets exactly once, in order,
/// buffers what arrives early (replicas can overtake each other), drops duplicates, and knows which offsets
/// it still needs. Pure state; the hub does the I/O.
/// </summary>
internal sealed class DeliverySequencer
{
    private readonly SortedDictionary<ulong, Publication> _early = [];
    private ulong _knownTop;

    /// <summary>The stream incarnation being followed.</summary>
    public string Epoch { get; private set; } = "";

    /// <summary>The offset to release next.</summary>
    public ulong NextOffset { get; private set; } = 1;

    /// <summary>The last released offset (the position a new subscriber starts after).</summary>
    public ulong LastReleased => NextOffset - 1;

    /// <summary>True when an offset up to <see cref="KnownTop"/> has not been released yet.</summary>
    public bool HasGap => KnownTop >= NextOffset;

    /// <summary>The highest offset known to exist in the stream (released, buffered or reported).</summary>
    public ulong KnownTop => Math.Max(_knownTop, _early.Count > 0 ? _early.Keys.Max() : 0);

    /// <summary>Publications buffered ahead of a gap.</summary>
    public int BufferedCount => _early.Count;

    /// <summary>Starts following <paramref name="epoch"/> after <paramref name="lastOffset"/>, forgetting everything else.</summary>
    public void Reset(string epoch, ulong lastOffset)
    {
        Epoch = epoch;
        NextOffset = lastOffset + 1;
        _knownTop = lastOffset;
        _early.Clear();
    }

    /// <summary>Offers a delivery; released publications are appended to <paramref name="released"/> in order.</summary>
    public SequenceOutcome Offer(string epoch, Publication publication, List<Publication> released)
    {
        if (!string.Equals(epoch, Epoch, StringComparison.Ordinal))
        {
            return SequenceOutcome.EpochChanged;
        }

        var offset = publication.Offset;
        if (offset < NextOffset || _early.ContainsKey(offset))
        {
            return SequenceOutcome.Duplicate;
        }

        if (offset > NextOffset)
        {
            _early[offset] = publication;
            return SequenceOutcome.Buffered;
        }

        released.Add(publication);
        NextOffset++;
        while (_early.Remove(NextOffset, out var next))
        {
            released.Add(next);
            NextOffset++;
        }

        _knownTop = Math.Max(_knownTop, LastReleased);
        return SequenceOutcome.Released;
    }

    /// <summary>Notes that the stream is known to reach <paramref name="offset"/> (a position report or a stream read).</summary>
    public void ObserveTop(string epoch, ulong offset)
    {
        if (string.Equals(epoch, Epoch, StringComparison.Ordinal))
        {
            _knownTop = Math.Max(_knownTop, offset);
        }
    }
}
