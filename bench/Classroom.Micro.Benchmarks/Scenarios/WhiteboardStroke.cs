using System.Buffers;
using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// The publication the fanout scenario sends: a whiteboard stroke of about the requested size, carrying its
/// sequence number and the <see cref="System.Diagnostics.Stopwatch"/> timestamp it was sent at (publisher and
/// subscribers share this process, hence this clock).
/// </summary>
internal static class WhiteboardStroke
{
    public static byte[] Create(long sequence, long sentAt, int targetBytes)
    {
        var buffer = new ArrayBufferWriter<byte>(targetBytes + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "stroke");
            writer.WriteNumber("seq", sequence);
            writer.WriteNumber("sent", sentAt);
            writer.WriteString("color", "#1f6feb");
            writer.WriteStartArray("points");
            // Points until the stroke is about as large as a real one; each is "[x,y]," of up to 10 bytes.
            for (var point = 0; buffer.WrittenCount + writer.BytesPending + 12 < targetBytes; point++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue((sequence + point * 7) % 1000);
                writer.WriteNumberValue((sequence * 3 + point * 11) % 1000);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The sequence number and send timestamp of a delivered stroke.</summary>
    public static (long Sequence, long SentAt) Read(JsonElement data) =>
        (data.GetProperty("seq").GetInt64(), data.GetProperty("sent").GetInt64());
}
