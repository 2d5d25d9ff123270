using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// Reads a client's RFC 6455 frames from the bytes a connection received and reassembles its messages. Between
/// messages it holds no buffer: one is rented when a data frame's header arrives (sized by the lengths the client
/// announced, never beyond the largest message allowed) and returned when the message was handed on. Control frames
/// are taken whole (they are at most 125 bytes). What the client must do and did not (mask, keep reserved bits clear,
/// fragment only data frames, send UTF-8 text) ends the connection with the RFC's close code.
/// </summary>
internal sealed class WebSocketFrameDecoder : IDisposable
{
    private const int MaxControlPayload = 125;
    private const int MaxHeaderBytes = 14;
    private const int MaskBytes = 4;

    private byte[]? _message;
    private int _length;
    private bool _delivered;
    private WebSocketOpcode _messageOpcode;
    private bool _inFrame;
    private bool _finalFrame;
    private long _remaining;
    private uint _mask;

    /// <summary>The message found by the last <see cref="Decode"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Message => _message is null ? default : _message.AsSpan(0, _length);

    /// <summary>Whether <see cref="Message"/> came as text (validated UTF-8) rather than binary.</summary>
    public bool MessageIsText { get; private set; }

    /// <summary>The payload of the last ping, unmasked, to send back in the pong.</summary>
    public byte[] ControlPayload { get; private set; } = [];

    /// <summary>The status code (1005 when none was given) and reason of the client's close frame.</summary>
    public DisconnectReason CloseStatus { get; private set; }

    /// <summary>The close to answer a broken frame with.</summary>
    public DisconnectReason Failure { get; private set; }

    /// <summary>
    /// Takes frames from the front of <paramref name="buffer"/> (which is sliced past what was taken) until a message,
    /// a control frame or a protocol failure is found, or the bytes run out.
    /// </summary>
    public FrameStep Decode(ref ReadOnlySequence<byte> buffer, int maxMessageBytes)
    {
        if (_delivered)
        {
            ReturnMessage();
        }

        while (true)
        {
            if (!_inFrame)
            {
                var step = ReadHeader(ref buffer, maxMessageBytes);
                if (step is not null)
                {
                    return step.Value;
                }
            }

            var take = (int)Math.Min(_remaining, buffer.Length);
            if (take > 0)
            {
                var target = _message.AsSpan(_length, take);
                buffer.Slice(0, take).CopyTo(target);
                Unmask(target, _mask);
                // The mask continues where this part of the frame stopped.
                _mask = BitOperations.RotateRight(_mask, 8 * (take & 3));
                _length += take;
                _remaining -= take;
                buffer = buffer.Slice(take);
            }

            if (_remaining > 0)
            {
                return FrameStep.NeedMore;
            }

            _inFrame = false;
            if (!_finalFrame)
            {
                continue;
            }

            MessageIsText = _messageOpcode == WebSocketOpcode.Text;
            _messageOpcode = WebSocketOpcode.Continuation;
            _delivered = true;
            return MessageIsText && !Utf8.IsValid(Message) ? Fail(WebSocketCloses.InvalidPayload) : FrameStep.Message;
        }
    }

    public void Dispose() => ReturnMessage();

    /// <summary>XORs <paramref name="payload"/> with the 4-byte mask, its first byte the mask's lowest (RFC 6455 5.3).</summary>
    internal static void Unmask(Span<byte> payload, uint mask)
    {
        var wide = mask | ((ulong)mask << 32);
        var index = 0;
        for (; index + sizeof(ulong) <= payload.Length; index += sizeof(ulong))
        {
            var chunk = payload.Slice(index, sizeof(ulong));
            BinaryPrimitives.WriteUInt64LittleEndian(chunk, BinaryPrimitives.ReadUInt64LittleEndian(chunk) ^ wide);
        }

        for (var rest = 0; index < payload.Length; index++, rest++)
        {
            payload[index] ^= (byte)(mask >> (8 * (rest & 3)));
        }
    }

    /// <summary>Reads a frame header; null when a data frame's payload follows, else what the caller is told.</summary>
    private FrameStep? ReadHeader(ref ReadOnlySequence<byte> buffer, int maxMessageBytes)
    {
        Span<byte> header = stackalloc byte[MaxHeaderBytes];
        var available = (int)Math.Min(buffer.Length, MaxHeaderBytes);
        if (available < 2)
        {
            return FrameStep.NeedMore;
        }

        buffer.Slice(0, available).CopyTo(header);
        var final = (header[0] & 0x80) != 0;
        var opcode = (WebSocketOpcode)(header[0] & 0x0F);
        if ((header[0] & 0x70) != 0 || (header[1] & 0x80) == 0)
        {
            // Reserved bits need an extension (none was agreed); a client's frames must be masked (5.1).
            return Fail(WebSocketCloses.ProtocolError);
        }

        var length = (long)(header[1] & 0x7F);
        var lengthBytes = length switch { 126 => 2, 127 => 8, _ => 0 };
        var headerLength = 2 + lengthBytes + MaskBytes;
        if (available < headerLength)
        {
            return FrameStep.NeedMore;
        }

        if (lengthBytes == 2)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        }
        else if (lengthBytes == 8)
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(header[2..]);
            if (wide > long.MaxValue)
            {
                return Fail(WebSocketCloses.ProtocolError);
            }

            length = (long)wide;
        }

        var mask = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(headerLength - MaskBytes, MaskBytes));
        switch (opcode)
        {
            case WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong:
                if (!final || length > MaxControlPayload)
                {
                    return Fail(WebSocketCloses.ProtocolError);
                }

                if (buffer.Length < headerLength + length)
                {
                    return FrameStep.NeedMore;
                }

                var payload = new byte[length];
                buffer.Slice(headerLength, length).CopyTo(payload);
                Unmask(payload, mask);
                buffer = buffer.Slice(headerLength + length);
                return Control(opcode, payload);
            case WebSocketOpcode.Text or WebSocketOpcode.Binary when _messageOpcode == WebSocketOpcode.Continuation:
                _messageOpcode = opcode;
                break;
            case WebSocketOpcode.Continuation when _messageOpcode != WebSocketOpcode.Continuation:
                break;
            default:
                // An unknown opcode, a continuation of nothing, or a new message inside a fragmented one.
                return Fail(WebSocketCloses.ProtocolError);
        }

        if (length > maxMessageBytes - _length)
        {
            return Fail(Disconnects.MessageTooBig);
        }

        Reserve((int)length);
        buffer = buffer.Slice(headerLength);
        _inFrame = true;
        _finalFrame = final;
        _remaining = length;
        _mask = mask;
        return null;
    }

    private FrameStep Control(WebSocketOpcode opcode, byte[] payload)
    {
        switch (opcode)
        {
            case WebSocketOpcode.Ping:
                ControlPayload = payload;
                return FrameStep.Ping;
            case WebSocketOpcode.Pong:
                return FrameStep.Pong;
        }

        if (payload.Length == 0)
        {
            CloseStatus = new DisconnectReason(WebSocketCloses.NoStatus, string.Empty);
            return FrameStep.Close;
        }

        var code = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 0;
        if (!WebSocketCloses.IsValidReceived(code))
        {
            return Fail(WebSocketCloses.ProtocolError);
        }

        var reason = payload.AsSpan(2);
        if (!Utf8.IsValid(reason))
        {
            return Fail(WebSocketCloses.InvalidPayload);
        }

        CloseStatus = new DisconnectReason(code, Encoding.UTF8.GetString(reason));
        return FrameStep.Close;
    }

    private FrameStep Fail(DisconnectReason failure)
    {
        Failure = failure;
        ReturnMessage();
        return FrameStep.Failed;
    }

    private void Reserve(int more)
    {
        var needed = _length + more;
        if (needed == 0 || (_message is not null && _message.Length >= needed))
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(needed);
        if (_message is not null)
        {
            _message.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_message);
        }

        _message = larger;
    }

    private void ReturnMessage()
    {
        _delivered = false;
        _length = 0;
        if (_message is not null)
        {
            ArrayPool<byte>.Shared.Return(_message);
            _message = null;
        }
    }
}
