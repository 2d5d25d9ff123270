using System.Buffers.Text;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// Reads the few numbers the load generator needs straight out of a frame's bytes, without parsing the JSON around
/// them: the same cheap work per delivery for every protocol, so the generator is not what limits a target.
/// </summary>
internal static class JsonScan
{
    /// <summary>The integer after the first <paramref name="key"/> (e.g. <c>"seq":</c>) at or after <paramref name="from"/>.</summary>
    public static bool TryReadInt64(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key, out long value, int from = 0)
    {
        value = 0;
        var at = text[from..].IndexOf(key);
        return at >= 0 && Utf8Parser.TryParse(text[(from + at + key.Length)..], out value, out _);
    }

    /// <summary>The integer after the last <paramref name="key"/>: for a field written after the data it follows.</summary>
    public static bool TryReadLastUInt64(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key, out ulong value)
    {
        value = 0;
        var at = text.LastIndexOf(key);
        return at >= 0 && Utf8Parser.TryParse(text[(at + key.Length)..], out value, out _);
    }

    /// <summary>The stroke's sequence number and send timestamp, wherever the protocol put the stroke in the frame.</summary>
    public static bool TryReadStroke(ReadOnlySpan<byte> text, out long sequence, out long sentAt)
    {
        sentAt = 0;
        return TryReadInt64(text, "\"seq\":"u8, out sequence) && TryReadInt64(text, "\"sent\":"u8, out sentAt);
    }
}
