using System.Threading.Channels;
using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.V1;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Edges;

public sealed class DeliveryCoalescingTests
{
    [Fact]
    public void Deliveries_queued_together_leave_as_one_message_in_order_and_stop_at_anything_else()
    {
        var queue = Queue(Delivery(1), Delivery(2), Delivery(3), Ack(9), Delivery(4));
        Assert.True(queue.TryRead(out var first));

        var (message, count) = DeliveryCoalescing.Take(first, queue);

        Assert.Equal(3, count);
        Assert.Equal([1UL, 2, 3], message.Deliveries.Deliveries.Select(delivery => delivery.Publication.Offset));
        Assert.True(queue.TryRead(out var next));
        Assert.Equal(9UL, next.InterestAck.RequestId);
    }

    [Fact]
    public void A_lone_delivery_goes_as_it_is()
    {
        var queue = Queue(Delivery(1), Ack(2));
        Assert.True(queue.TryRead(out var first));

        var (message, count) = DeliveryCoalescing.Take(first, queue);

        Assert.Same(first, message);
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_message_carries_at_most_the_limit_and_the_rest_follow_in_the_next()
    {
        var queue = Queue([.. Enumerable.Range(1, DeliveryCoalescing.MaxDeliveriesPerMessage + 10).Select(offset => Delivery((ulong)offset))]);
        Assert.True(queue.TryRead(out var first));

        var (message, count) = DeliveryCoalescing.Take(first, queue);
        Assert.True(queue.TryRead(out var rest));
        var (after, restCount) = DeliveryCoalescing.Take(rest, queue);

        Assert.Equal(DeliveryCoalescing.MaxDeliveriesPerMessage, count);
        Assert.Equal(10, restCount);
        Assert.Equal((ulong)DeliveryCoalescing.MaxDeliveriesPerMessage + 1, after.Deliveries.Deliveries[0].Publication.Offset);
    }

    private static ChannelReader<FanoutMessage> Queue(params FanoutMessage[] messages)
    {
        var channel = Channel.CreateUnbounded<FanoutMessage>(new UnboundedChannelOptions { SingleReader = true });
        foreach (var message in messages)
        {
            channel.Writer.TryWrite(message);
        }

        return channel.Reader;
    }

    private static FanoutMessage Delivery(ulong offset) =>
        new() { Delivery = new V1.Delivery { Channel = "classroom:1", Epoch = "e", Publication = new Publication { Offset = offset } } };

    private static FanoutMessage Ack(ulong requestId) => new() { InterestAck = new InterestAck { RequestId = requestId } };
}
