using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// Writes the server's RFC 6455 frames (unmasked, unfragmented) straight into the connection's output: the header
/// into the writer's own memory, then the payload once, with no intermediate buffer.
/// </summary>
internal static class WebSocketFrameWriter
{
    private const int MaxHeaderBytes = 10;
    private const int MaxCloseReasonBytes = 123;

    /// <summary>Writes one final frame of <paramref name="opcode"/> carrying <paramref name="payload"/> (not flushed).</summary>
    public static void WriteFrame(IBufferWriter<byte> output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = output.GetSpan(MaxHeaderBytes);
        header[0] = (byte)(0x80 | (byte)opcode);
        int headerLength;
        if (payload.Length < 126)
        {
            header[1] = (byte)payload.Length;
            headerLength = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payload.Length);
            headerLength = 4;
        }
        else
        {
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payload.Length);
            headerLength = 10;
        }

        output.Advance(headerLength);
        output.Write(payload);
    }

    /// <summary>Writes a close frame with the disconnect's code and reason (cut to the 123 bytes a control frame holds).</summary>
    public static void WriteClose(IBufferWriter<byte> output, DisconnectReason reason)
    {
        Span<byte> payload = stackalloc byte[2 + MaxCloseReasonBytes];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)reason.Code);
        var text = reason.Reason.AsSpan();
        while (Encoding.UTF8.GetByteCount(text) > MaxCloseReasonBytes)
        {
            text = text[..^1];
        }

        var reasonLength = Encoding.UTF8.GetBytes(text, payload[2..]);
        WriteFrame(output, WebSocketOpcode.Close, payload[..(2 + reasonLength)]);
    }
}
