using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Fanout.V1;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

public sealed class DeliverySequencerTests
{
    private const string Epoch = "e1";

    [Fact]
    public void Releases_in_order_deliveries_immediately()
    {
        var sequencer = Started(lastOffset: 10);
        var released = new List<Publication>();

        Assert.Equal(SequenceOutcome.Released, sequencer.Offer(Epoch, At(11), released));
        Assert.Equal(SequenceOutcome.Released, sequencer.Offer(Epoch, At(12), released));

        Assert.Equal([11UL, 12UL], released.Select(p => p.Offset));
        Assert.False(sequencer.HasGap);
    }

    [Fact]
    public void Buffers_an_early_delivery_until_the_missing_offset_arrives()
    {
        var sequencer = Started(lastOffset: 0);
        var released = new List<Publication>();

        Assert.Equal(SequenceOutcome.Buffered, sequencer.Offer(Epoch, At(3), released));
        Assert.Equal(SequenceOutcome.Buffered, sequencer.Offer(Epoch, At(2), released));
        Assert.Empty(released);
        Assert.True(sequencer.HasGap);

        Assert.Equal(SequenceOutcome.Released, sequencer.Offer(Epoch, At(1), released));
        Assert.Equal([1UL, 2UL, 3UL], released.Select(p => p.Offset));
        Assert.False(sequencer.HasGap);
    }

    [Fact]
    public void Drops_duplicates_of_released_and_of_buffered_offsets()
    {
        var sequencer = Started(lastOffset: 0);
        var released = new List<Publication>();
        sequencer.Offer(Epoch, At(1), released);
        sequencer.Offer(Epoch, At(3), released);

        Assert.Equal(SequenceOutcome.Duplicate, sequencer.Offer(Epoch, At(1), released));
        Assert.Equal(SequenceOutcome.Duplicate, sequencer.Offer(Epoch, At(3), released));
        Assert.Single(released);
    }

    [Fact]
    public void Reports_a_delivery_of_another_epoch()
    {
        var sequencer = Started(lastOffset: 5);

        Assert.Equal(SequenceOutcome.EpochChanged, sequencer.Offer("e2", At(6), []));
    }

    [Fact]
    public void A_reported_position_beyond_the_last_release_is_a_trailing_gap()
    {
        var sequencer = Started(lastOffset: 5);

        sequencer.ObserveTop(Epoch, 7);

        Assert.True(sequencer.HasGap);
        Assert.Equal(7UL, sequencer.KnownTop);
    }

    [Fact]
    public void A_position_of_another_epoch_is_ignored()
    {
        var sequencer = Started(lastOffset: 5);

        sequencer.ObserveTop("old", 9);

        Assert.False(sequencer.HasGap);
    }

    private static DeliverySequencer Started(ulong lastOffset)
    {
        var sequencer = new DeliverySequencer();
        sequencer.Reset(Epoch, lastOffset);
        return sequencer;
    }

    private static Publication At(ulong offset) => new() { Offset = offset };
}
