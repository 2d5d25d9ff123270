using System.Threading.Channels;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>
/// Deliveries waiting for an edge at the same time leave as one stream message (<see cref="DeliveryBatch"/>): one
/// serialization, one gRPC message and one read on the edge for the lot instead of one each.
/// </summary>
internal static class DeliveryCoalescing
{
    /// <summary>Bounds one stream message (a stroke is ~0.5 KiB with its envelope), far under gRPC's 4 MiB limit.</summary>
    public const int MaxDeliveriesPerMessage = 256;

    /// <summary>
    /// <paramref name="first"/> and the deliveries queued right behind it, as one message, in queue order, and how many
    /// deliveries it carries. Anything that is not a delivery stays queued, so the order of everything on the stream
    /// is unchanged.
    /// </summary>
    public static (FanoutMessage Message, int Deliveries) Take(FanoutMessage first, ChannelReader<FanoutMessage> queue)
    {
        if (!IsDelivery(first))
        {
            return (first, 0);
        }

        if (!queue.TryPeek(out var next) || !IsDelivery(next))
        {
            return (first, 1);
        }

        var batch = new DeliveryBatch();
        batch.Deliveries.Add(first.Delivery);
        while (batch.Deliveries.Count < MaxDeliveriesPerMessage && queue.TryPeek(out next) && IsDelivery(next) && queue.TryRead(out next))
        {
            batch.Deliveries.Add(next.Delivery);
        }

        return (new FanoutMessage { Deliveries = batch }, batch.Deliveries.Count);
    }

    public static bool IsDelivery(FanoutMessage message) => message.KindCase == FanoutMessage.KindOneofCase.Delivery;
}
