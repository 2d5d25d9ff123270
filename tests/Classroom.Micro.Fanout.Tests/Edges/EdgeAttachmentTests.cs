using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Edges;

public sealed class EdgeAttachmentTests
{
    [Fact]
    public async Task Edge_whose_queue_is_full_is_aborted_with_resource_exhausted()
    {
        using var attachment = new EdgeAttachment("edge-1", capacity: 2);

        Assert.True(attachment.TryEnqueue(Ack(1)));
        Assert.True(attachment.TryEnqueue(Ack(2)));
        Assert.False(attachment.TryEnqueue(Ack(3)));

        Assert.Equal(StatusCode.ResourceExhausted, attachment.AbortStatus?.StatusCode);
        await Eventually.HoldsAsync(() => attachment.Aborted.IsCancellationRequested, TimeSpan.FromSeconds(5), "the abort signal fires");
    }

    [Fact]
    public void The_first_abort_reason_wins()
    {
        using var attachment = new EdgeAttachment("edge-1", capacity: 2);

        attachment.Abort(new Status(StatusCode.Aborted, "replaced"));
        attachment.Abort(new Status(StatusCode.ResourceExhausted, "slow"));

        Assert.Equal(StatusCode.Aborted, attachment.AbortStatus?.StatusCode);
        Assert.False(attachment.TryEnqueue(Ack(1)));
        Assert.Equal(StatusCode.Aborted, attachment.AbortStatus?.StatusCode);
    }

    [Fact]
    public void A_healthy_attachment_has_no_abort_status()
    {
        using var attachment = new EdgeAttachment("edge-1", capacity: 2);

        Assert.True(attachment.TryEnqueue(Ack(1)));

        Assert.Null(attachment.AbortStatus);
        Assert.False(attachment.Aborted.IsCancellationRequested);
    }

    private static FanoutMessage Ack(ulong requestId) => new() { InterestAck = new InterestAck { RequestId = requestId } };
}
