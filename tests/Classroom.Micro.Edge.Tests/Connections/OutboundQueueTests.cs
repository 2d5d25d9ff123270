using Classroom.Micro.Edge.Connections;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

public sealed class OutboundQueueTests
{
    private static readonly ReadOnlyMemory<byte> Small = new byte[100];

    [Fact]
    public void Only_the_first_message_into_an_idle_queue_schedules_the_writer()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);

        Assert.Equal(EnqueueOutcome.QueuedStartWriter, queue.TryEnqueue(Small));
        Assert.Equal(EnqueueOutcome.Queued, queue.TryEnqueue(Small));
        Assert.Equal(EnqueueOutcome.Queued, queue.TryEnqueue(Small));
        Assert.Equal(3, queue.Depth);
    }

    [Fact]
    public void The_writer_takes_everything_pending_in_one_batch_in_order_and_goes_idle_when_nothing_is_left()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);
        ReadOnlyMemory<byte>[] messages = [new byte[] { 1 }, new byte[] { 2 }, new byte[] { 3 }];
        foreach (var message in messages)
        {
            queue.TryEnqueue(message);
        }

        Assert.Equal(WriterStep.WriteBatch, queue.TakeBatch(out var batch));
        Assert.Equal(messages.Select(message => message.Span[0]), batch!.Select(message => message.Span[0]));
        Assert.Equal((0, 0), (queue.Depth, queue.PendingBytes));
        queue.Recycle(batch!);

        Assert.Equal(WriterStep.Idle, queue.TakeBatch(out _));
        Assert.Equal(EnqueueOutcome.QueuedStartWriter, queue.TryEnqueue(Small));
    }

    [Fact]
    public void A_message_enqueued_while_a_batch_is_written_is_taken_by_the_same_writer()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);
        queue.TryEnqueue(Small);
        queue.TakeBatch(out _);

        Assert.Equal(EnqueueOutcome.Queued, queue.TryEnqueue(Small));
        Assert.Equal(WriterStep.WriteBatch, queue.TakeBatch(out var batch));
        Assert.Single(batch!);
    }

    [Fact]
    public void The_message_count_bounds_the_queue()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);
        for (var i = 0; i < 16; i++)
        {
            Assert.NotEqual(EnqueueOutcome.Full, queue.TryEnqueue(Small));
        }

        Assert.Equal(EnqueueOutcome.Full, queue.TryEnqueue(Small));
    }

    [Fact]
    public void The_bytes_pending_bound_the_queue_before_its_count_does()
    {
        var queue = new OutboundQueue(maxMessages: 1000, maxBytes: 1000);
        for (var i = 0; i < 10; i++)
        {
            Assert.NotEqual(EnqueueOutcome.Full, queue.TryEnqueue(Small));
        }

        Assert.Equal(1000, queue.PendingBytes);
        Assert.Equal(EnqueueOutcome.Full, queue.TryEnqueue(new byte[1]));
    }

    [Fact]
    public void Bytes_taken_by_the_writer_no_longer_count_against_the_bound()
    {
        var queue = new OutboundQueue(maxMessages: 1000, maxBytes: 1000);
        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue(Small);
        }

        queue.TakeBatch(out _);

        Assert.Equal(EnqueueOutcome.Queued, queue.TryEnqueue(Small));
    }

    [Fact]
    public void A_lone_message_larger_than_the_byte_bound_is_still_sent()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 1000);

        Assert.Equal(EnqueueOutcome.QueuedStartWriter, queue.TryEnqueue(new byte[5000]));
        Assert.Equal(EnqueueOutcome.Full, queue.TryEnqueue(Small));
    }

    [Fact]
    public void Completing_writes_what_is_queued_then_the_close_once_and_accepts_nothing_more()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);
        queue.TryEnqueue(Small);

        Assert.False(queue.Complete(), "the writer scheduled by the message also writes the close");
        Assert.Equal(EnqueueOutcome.Closed, queue.TryEnqueue(Small));
        Assert.Equal(WriterStep.WriteBatch, queue.TakeBatch(out _));
        Assert.Equal(WriterStep.WriteClose, queue.TakeBatch(out _));
        Assert.Equal(WriterStep.Idle, queue.TakeBatch(out _));
    }

    [Fact]
    public void Completing_an_idle_queue_schedules_a_writer_for_the_close()
    {
        var queue = new OutboundQueue(maxMessages: 16, maxBytes: 64 * 1024);

        Assert.True(queue.Complete());
        Assert.False(queue.Complete());
        Assert.Equal(WriterStep.WriteClose, queue.TakeBatch(out _));
    }
}
