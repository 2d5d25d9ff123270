using System.Buffers;
using System.Buffers.Binary;
using Classroom.Micro.Edge.Transports.RawWebSockets;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>Frames as a client writes them (masked unless told otherwise), and a decoder fed the way a pipe feeds it.</summary>
internal static class ClientFrames
{
    private static readonly byte[] Mask = [0x37, 0xfa, 0x21, 0x3d];

    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool final = true, bool masked = true, byte reserved = 0)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + (masked ? 4 : 0) + payload.Length];
        frame[0] = (byte)((final ? 0x80 : 0) | reserved | (byte)opcode);
        frame[1] = (byte)((masked ? 0x80 : 0) | (lengthBytes switch { 0 => payload.Length, 2 => 126, _ => 127 }));
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else if (lengthBytes == 8)
        {
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var offset = 2 + lengthBytes;
        if (masked)
        {
            Mask.CopyTo(frame, offset);
            offset += 4;
        }

        for (var index = 0; index < payload.Length; index++)
        {
            frame[offset + index] = (byte)(payload[index] ^ (masked ? Mask[index % 4] : 0));
        }

        return frame;
    }

    public static byte[] Close(int code, string reason)
    {
        var payload = new byte[2 + System.Text.Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        System.Text.Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(WebSocketOpcode.Close, payload);
    }

    /// <summary>
    /// Feeds <paramref name="bytes"/> to <paramref name="decoder"/> <paramref name="chunk"/> bytes at a time, keeping
    /// what it did not take for the next call as a pipe does, until it reports something other than NeedMore.
    /// </summary>
    public static (FrameStep Step, byte[] Message, int Left) Decode(WebSocketFrameDecoder decoder, byte[] bytes, int chunk = int.MaxValue, int maxMessageBytes = 64 * 1024)
    {
        var consumed = 0;
        var arrived = Math.Min(chunk, bytes.Length);
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, consumed, arrived - consumed);
            var step = decoder.Decode(ref buffer, maxMessageBytes);
            consumed = arrived - (int)buffer.Length;
            if (step != FrameStep.NeedMore || arrived == bytes.Length)
            {
                return (step, step == FrameStep.Message ? decoder.Message.ToArray() : [], bytes.Length - consumed);
            }

            arrived = Math.Min(arrived + chunk, bytes.Length);
        }
    }
}
