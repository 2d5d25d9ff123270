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
}
