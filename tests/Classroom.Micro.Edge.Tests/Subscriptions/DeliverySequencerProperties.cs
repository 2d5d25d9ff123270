using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Fanout.V1;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

/// <summary>
/// The sequencer against a model: the channel's stream is 1..N; deliveries arrive shuffled, duplicated and
/// partly lost (a fanout replica died, a stream broke). Filling gaps the way the hub does — read what follows
/// the last released offset — must release exactly 1..N, each once, in order.
/// </summary>
public sealed class DeliverySequencerProperties
{
    private const string Epoch = "e";

    [Fact]
    public void Every_offset_is_released_once_in_order_whatever_the_arrival_order() => Check(500, Prop.ForAll(Arrivals().ToArbitrary(), arrival =>
        {
            var (count, deliveries) = arrival;
            var sequencer = new DeliverySequencer();
            sequencer.Reset(Epoch, 0);
            var released = new List<Publication>();

            foreach (var offset in deliveries)
            {
                sequencer.Offer(Epoch, At(offset), released);
            }

            // A position report (or a stream read) tells the edge where the stream ends.
            sequencer.ObserveTop(Epoch, (ulong)count);
            while (sequencer.HasGap)
            {
                foreach (var offset in Enumerable.Range((int)sequencer.NextOffset, Math.Min(3, count - (int)sequencer.LastReleased)))
                {
                    sequencer.Offer(Epoch, At((ulong)offset), released);
                }
            }

            var expected = Enumerable.Range(1, count).Select(offset => (ulong)offset);
            return released.Select(publication => publication.Offset).SequenceEqual(expected);
        }));

    [Fact]
    public void Nothing_is_released_twice_even_when_everything_arrives_twice() => Check(300, Prop.ForAll(Arrivals().ToArbitrary(), arrival =>
        {
            var (_, deliveries) = arrival;
            var sequencer = new DeliverySequencer();
            sequencer.Reset(Epoch, 0);
            var released = new List<Publication>();

            foreach (var offset in deliveries.Concat(deliveries))
            {
                sequencer.Offer(Epoch, At(offset), released);
            }

            var offsets = released.Select(publication => publication.Offset).ToList();
            return offsets.Distinct().Count() == offsets.Count
                && offsets.SequenceEqual(offsets.Order());
        }));

    private static void Check(int tests, Property property) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(tests));

    /// <summary>A stream length and the offsets that reached the edge: a shuffled, duplicated subset.</summary>
    private static Gen<(int Count, ulong[] Deliveries)> Arrivals() =>
        from count in Gen.Choose(1, 60)
        from kept in Gen.ListOf(Gen.Elements(true, true, true, false), count)
        from duplicates in Gen.ListOf(Gen.Choose(1, count), count / 3)
        let delivered = Enumerable.Range(1, count).Where((_, index) => kept[index]).Concat(duplicates)
        from shuffled in Gen.Shuffle(delivered.Select(offset => (ulong)offset).ToArray())
        select (count, shuffled);

    private static Publication At(ulong offset) => new() { Offset = offset };
}
