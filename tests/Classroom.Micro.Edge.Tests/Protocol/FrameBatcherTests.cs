using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class FrameBatcherTests
{
    [Fact]
    public void Messages_are_joined_with_line_feeds_and_no_trailing_one()
    {
        var frame = new ArrayBufferWriter<byte>();

        Assert.Equal(2, FrameBatcher.Append(frame, "{}"u8));
        Assert.Equal(8, FrameBatcher.Append(frame, "[1,2]"u8));

        Assert.Equal("{}\n[1,2]", Encoding.UTF8.GetString(frame.WrittenSpan));
    }

    [Fact]
    public void A_batch_of_replies_and_pushes_splits_back_as_the_sdk_reads_it()
    {
        var frame = new ArrayBufferWriter<byte>();
        FrameBatcher.Append(frame, ProtocolWriter.Connect(1, new ConnectResult("c1", "1", 25, true, false, 0, null, default)));
        FrameBatcher.Append(frame, ProtocolWriter.Empty(2, "publish"));
        FrameBatcher.Append(frame, ProtocolWriter.PublicationPush("c", new PublicationView(1, RawJson.FromTrusted("\"a\\nb\""u8.ToArray()), null, null)));
        FrameBatcher.Append(frame, ProtocolWriter.Ping.Span);

        // centrifuge-js: data.trim().split('\n').map(JSON.parse)
        var replies = Encoding.UTF8.GetString(frame.WrittenSpan).Trim().Split('\n').Select(line => JsonNode.Parse(line)!).ToArray();

        Assert.Equal(4, replies.Length);
        Assert.Equal(1, (int)replies[0]["id"]!);
        Assert.Equal(2, (int)replies[1]["id"]!);
        Assert.Equal("a\nb", (string)replies[2]["push"]!["pub"]!["data"]!);
        Assert.Empty(replies[3].AsObject());
    }

    [Fact]
    public void A_message_that_would_overflow_the_frame_is_refused_and_leaves_it_untouched()
    {
        var frame = new ArrayBufferWriter<byte>();
        Assert.True(FrameBatcher.TryAppend(frame, "12345"u8, maxFrameBytes: 11));
        Assert.True(FrameBatcher.TryAppend(frame, "1234"u8, maxFrameBytes: 11));

        Assert.False(FrameBatcher.TryAppend(frame, "1"u8, maxFrameBytes: 11));
        Assert.Equal("12345\n1234", Encoding.UTF8.GetString(frame.WrittenSpan));
    }

    [Fact]
    public void An_oversized_message_still_goes_alone_into_an_empty_frame()
    {
        var frame = new ArrayBufferWriter<byte>();

        Assert.True(FrameBatcher.TryAppend(frame, "0123456789"u8, maxFrameBytes: 4));
        Assert.False(FrameBatcher.Fits(frame, 1, maxFrameBytes: 4));
    }

    [Fact]
    public void Pending_messages_are_coalesced_into_frames_of_at_most_the_limit_each_joined_with_line_feeds()
    {
        List<ReadOnlyMemory<byte>> pending = ["{\"a\":1}"u8.ToArray(), "{}"u8.ToArray(), "{\"b\":22}"u8.ToArray(), "{}"u8.ToArray()];

        var first = FrameBatcher.CountFitting(pending, 0, maxFrameBytes: 12, out var firstLength);
        var second = FrameBatcher.CountFitting(pending, first, maxFrameBytes: 12, out var secondLength);
        var frame = new byte[firstLength];
        FrameBatcher.Join(pending, 0, first, frame);

        Assert.Equal((2, 10), (first, firstLength));
        Assert.Equal((2, 11), (second, secondLength));
        Assert.Equal("{\"a\":1}\n{}", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void A_pending_message_over_the_limit_makes_a_frame_of_its_own()
    {
        List<ReadOnlyMemory<byte>> pending = [new byte[100], "{}"u8.ToArray()];

        Assert.Equal(1, FrameBatcher.CountFitting(pending, 0, maxFrameBytes: 10, out var length));
        Assert.Equal(100, length);
    }
}
