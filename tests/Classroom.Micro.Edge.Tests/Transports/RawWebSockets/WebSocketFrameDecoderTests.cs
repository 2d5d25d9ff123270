using System.Text;
using Classroom.Micro.Edge.Transports.RawWebSockets;
using Xunit;
using static Classroom.Micro.Edge.Tests.Transports.RawWebSockets.ClientFrames;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>The edge's reading of client frames (RFC 6455): unmasking, lengths, fragments, control frames, and the close codes of broken ones.</summary>
public sealed class WebSocketFrameDecoderTests
{
    private readonly WebSocketFrameDecoder _decoder = new();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(200_000)]
    public void A_masked_text_frame_of_any_length_encoding_is_unmasked_into_its_message(int length)
    {
        var text = new byte[length];
        text.AsSpan().Fill((byte)'x');

        var (step, message, rest) = Decode(_decoder, Frame(WebSocketOpcode.Text, text), maxMessageBytes: 1 << 20);

        Assert.Equal(FrameStep.Message, step);
        Assert.True(_decoder.MessageIsText);
        Assert.Equal(text, message);
        Assert.Equal(0, rest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_frame_arriving_in_pieces_is_unmasked_as_if_it_came_whole(int chunk)
    {
        var text = Encoding.UTF8.GetBytes("{\"id\":1,\"subscribe\":{\"channel\":\"classroom:42\"}} — ünïcødé");

        var (step, message, _) = Decode(_decoder, Frame(WebSocketOpcode.Text, text), chunk);

        Assert.Equal(FrameStep.Message, step);
        Assert.Equal(text, message);
    }

    [Fact]
    public void A_fragmented_message_is_reassembled_and_a_ping_between_its_fragments_is_answered_first()
    {
        byte[] frames = [
            .. Frame(WebSocketOpcode.Text, "{\"id\":1,"u8, final: false),
            .. Frame(WebSocketOpcode.Ping, "are you there"u8),
            .. Frame(WebSocketOpcode.Continuation, "\"connect\""u8, final: false),
            .. Frame(WebSocketOpcode.Continuation, ":{}}"u8),
        ];

        var (step, _, rest) = Decode(_decoder, frames);
        Assert.Equal(FrameStep.Ping, step);
        Assert.Equal("are you there"u8.ToArray(), _decoder.ControlPayload);

        (step, var message, rest) = Decode(_decoder, frames[^rest..]);
        Assert.Equal(FrameStep.Message, step);
        Assert.Equal("{\"id\":1,\"connect\":{}}", Encoding.UTF8.GetString(message));
        Assert.Equal(0, rest);
    }

    [Fact]
    public void Two_messages_in_one_read_are_found_one_after_the_other()
    {
        byte[] frames = [.. Frame(WebSocketOpcode.Text, "{}"u8), .. Frame(WebSocketOpcode.Binary, [1, 2, 3])];

        var (step, message, rest) = Decode(_decoder, frames);
        Assert.Equal((FrameStep.Message, "{}"), (step, Encoding.UTF8.GetString(message)));

        (step, message, rest) = Decode(_decoder, frames[^rest..]);
        Assert.Equal(FrameStep.Message, step);
        Assert.False(_decoder.MessageIsText);
        Assert.Equal([1, 2, 3], message);
        Assert.Equal(0, rest);
    }

    [Fact]
    public void A_close_frame_gives_the_clients_code_and_reason()
    {
        var (step, _, _) = Decode(_decoder, Close(1001, "going away"));

        Assert.Equal(FrameStep.Close, step);
        Assert.Equal((1001, "going away"), (_decoder.CloseStatus.Code, _decoder.CloseStatus.Reason));
    }

    [Fact]
    public void A_close_frame_without_a_code_reads_as_1005()
    {
        var (step, _, _) = Decode(_decoder, Frame(WebSocketOpcode.Close, []));

        Assert.Equal(FrameStep.Close, step);
        Assert.Equal(1005, _decoder.CloseStatus.Code);
    }

    [Fact]
    public void A_pong_needs_no_answer()
    {
        Assert.Equal(FrameStep.Pong, Decode(_decoder, Frame(WebSocketOpcode.Pong, "x"u8)).Step);
    }

    public static TheoryData<string, byte[], int> BrokenFrames => new()
    {
        { "unmasked", Frame(WebSocketOpcode.Text, "{}"u8, masked: false), 1002 },
        { "reserved bit", Frame(WebSocketOpcode.Text, "{}"u8, reserved: 0x40), 1002 },
        { "unknown opcode", Frame((WebSocketOpcode)0x3, "{}"u8), 1002 },
        { "ping over 125 bytes", Frame(WebSocketOpcode.Ping, new byte[126]), 1002 },
        { "fragmented ping", Frame(WebSocketOpcode.Ping, "x"u8, final: false), 1002 },
        { "continuation of nothing", Frame(WebSocketOpcode.Continuation, "{}"u8), 1002 },
        { "new message inside a fragmented one", [.. Frame(WebSocketOpcode.Text, "{"u8, final: false), .. Frame(WebSocketOpcode.Text, "}"u8)], 1002 },
        { "close with a one-byte payload", Frame(WebSocketOpcode.Close, [3]), 1002 },
        { "close with a reserved code", Close(1005, string.Empty), 1002 },
        { "text that is not UTF-8", Frame(WebSocketOpcode.Text, [0x7b, 0xc3, 0x28, 0x7d]), 1007 },
        { "UTF-8 cut between fragments but never finished", [.. Frame(WebSocketOpcode.Text, [0xe2, 0x82], final: false), .. Frame(WebSocketOpcode.Continuation, "a"u8)], 1007 },
        { "close reason that is not UTF-8", Frame(WebSocketOpcode.Close, [0x03, 0xe8, 0xff]), 1007 },
        { "one frame over the largest message", Frame(WebSocketOpcode.Text, new byte[1025]), 1009 },
        { "fragments over the largest message together", [.. Frame(WebSocketOpcode.Text, new byte[600], final: false), .. Frame(WebSocketOpcode.Continuation, new byte[600])], 1009 },
    };

    [Theory]
    [MemberData(nameof(BrokenFrames))]
    public void A_broken_frame_fails_with_the_rfc_close_code(string broken, byte[] frames, int code)
    {
        var (step, _, _) = Decode(_decoder, frames, maxMessageBytes: 1024);

        Assert.True(step == FrameStep.Failed, broken);
        Assert.Equal(code, _decoder.Failure.Code);
    }

    [Fact]
    public void A_utf8_character_split_between_fragments_is_valid_text()
    {
        var euro = "€"u8.ToArray();
        byte[] frames = [.. Frame(WebSocketOpcode.Text, euro.AsSpan(0, 2), final: false), .. Frame(WebSocketOpcode.Continuation, euro.AsSpan(2))];

        var (step, message, _) = Decode(_decoder, frames);

        Assert.Equal(FrameStep.Message, step);
        Assert.Equal(euro, message);
    }

    [Fact]
    public void An_oversized_frame_fails_from_its_header_before_its_payload_arrives()
    {
        var header = Frame(WebSocketOpcode.Text, new byte[70_000])[..14];

        var (step, _, _) = Decode(_decoder, header, maxMessageBytes: 64 * 1024);

        Assert.Equal(FrameStep.Failed, step);
        Assert.Equal(1009, _decoder.Failure.Code);
    }
}
