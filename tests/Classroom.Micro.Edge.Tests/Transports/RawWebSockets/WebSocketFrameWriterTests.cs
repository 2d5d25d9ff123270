using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Transports.RawWebSockets;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>The edge's frames as a client reads them: final, unmasked, the shortest length encoding.</summary>
public sealed class WebSocketFrameWriterTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65_535, 4)]
    [InlineData(65_536, 10)]
    public void A_text_frame_has_the_shortest_header_for_its_length_and_the_payload_as_it_is(int length, int headerLength)
    {
        var payload = new byte[length];
        Random.Shared.NextBytes(payload);
        var output = new ArrayBufferWriter<byte>();

        WebSocketFrameWriter.WriteFrame(output, WebSocketOpcode.Text, payload);

        var frame = output.WrittenSpan;
        Assert.Equal(headerLength + length, frame.Length);
        Assert.Equal(0x81, frame[0]);
        Assert.Equal(0, frame[1] & 0x80);
        var announced = headerLength switch
        {
            2 => frame[1],
            4 => BinaryPrimitives.ReadUInt16BigEndian(frame[2..]),
            _ => (long)BinaryPrimitives.ReadUInt64BigEndian(frame[2..]),
        };
        Assert.Equal(length, announced);
        Assert.True(frame[headerLength..].SequenceEqual(payload));
    }

    [Fact]
    public void A_close_frame_carries_the_disconnect_code_and_reason()
    {
        var output = new ArrayBufferWriter<byte>();

        WebSocketFrameWriter.WriteClose(output, new DisconnectReason(3008, "slow"));

        Assert.Equal([0x88, 6, 0x0b, 0xc0, .. "slow"u8], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_close_reason_is_cut_to_what_a_control_frame_holds()
    {
        var output = new ArrayBufferWriter<byte>();

        WebSocketFrameWriter.WriteClose(output, new DisconnectReason(3000, new string('r', 300)));

        Assert.Equal(2 + 125, output.WrittenCount);
        Assert.Equal(new string('r', 123), Encoding.UTF8.GetString(output.WrittenSpan[4..]));
    }
}
