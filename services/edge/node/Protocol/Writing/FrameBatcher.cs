using System.Buffers;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Joins encoded messages into one WebSocket frame, separated by line feeds (the SDK splits frames on them),
/// so a burst of replies and pushes costs one send.
/// </summary>
internal static class FrameBatcher
{
    private const byte Separator = (byte)'\n';

    /// <summary>Appends <paramref name="message"/> (after a separator when the frame is not empty); returns the frame's new length.</summary>
    public static int Append(ArrayBufferWriter<byte> frame, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var separator = frame.WrittenCount > 0 ? 1 : 0;
        var span = frame.GetSpan(separator + message.Length);
        if (separator == 1)
        {
            span[0] = Separator;
        }

        message.CopyTo(span[separator..]);
        frame.Advance(separator + message.Length);
        return frame.WrittenCount;
    }

    /// <summary>
    /// Whether a message of <paramref name="messageLength"/> bytes still fits a frame of at most <paramref name="maxFrameBytes"/>; an empty frame
    /// takes any message, so an oversized one travels alone instead of never.
    /// </summary>
    public static bool Fits(ArrayBufferWriter<byte> frame, int messageLength, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.WrittenCount == 0 || frame.WrittenCount + 1 + messageLength <= maxFrameBytes;
    }

    /// <summary>Appends when the message <see cref="Fits"/>; otherwise leaves the frame untouched and returns false.</summary>
    public static bool TryAppend(ArrayBufferWriter<byte> frame, ReadOnlySpan<byte> message, int maxFrameBytes)
    {
        if (!Fits(frame, message.Length, maxFrameBytes))
        {
            return false;
        }

        Append(frame, message);
        return true;
    }

    /// <summary>
    /// How many of <paramref name="messages"/> from <paramref name="start"/> go into the next frame of at most
    /// <paramref name="maxFrameBytes"/> (at least one, so an oversized message travels alone), and that frame's length.
    /// </summary>
    public static int CountFitting(IReadOnlyList<ReadOnlyMemory<byte>> messages, int start, int maxFrameBytes, out int frameLength)
    {
        ArgumentNullException.ThrowIfNull(messages);
        frameLength = messages[start].Length;
        var end = start + 1;
        while (end < messages.Count && frameLength + 1 + messages[end].Length <= maxFrameBytes)
        {
            frameLength += 1 + messages[end].Length;
            end++;
        }

        return end - start;
    }

    /// <summary>Writes <paramref name="count"/> messages from <paramref name="start"/> into <paramref name="frame"/>, separated by line feeds.</summary>
    public static void Join(IReadOnlyList<ReadOnlyMemory<byte>> messages, int start, int count, Span<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var written = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i > start)
            {
                frame[written++] = Separator;
            }

            messages[i].Span.CopyTo(frame[written..]);
            written += messages[i].Length;
        }
    }
}
