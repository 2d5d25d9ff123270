using System.Text;
using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// One complete JSON value carried opaquely: the protocol's <c>bytes</c> fields (<c>data</c>, <c>conn_info</c>,
/// <c>chan_info</c>) travel as raw embedded JSON in the JSON encoding, and we never need to look inside them.
/// </summary>
/// <remarks>
/// Equality compares content, so commands and views holding it compare by value.
/// A default instance is empty, which the writer treats as "field absent".
/// </remarks>
internal readonly struct RawJson : IEquatable<RawJson>
{
    private RawJson(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The UTF-8 JSON text; never contains a line feed, so it cannot split a newline-delimited frame.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    public bool IsEmpty => Utf8.IsEmpty;

    /// <summary>
    /// Validates that <paramref name="utf8"/> is exactly one JSON value (surrounding whitespace allowed) and copies it.
    /// Line breaks between tokens become spaces: JSON forbids raw control characters inside strings,
    /// so they can only be insignificant whitespace, and the SDK splits frames on line feeds.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> utf8, out RawJson json)
    {
        json = default;
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            if (reader.Read())
            {
                return false;
            }

            json = CopyOf(utf8[start..end]);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Wraps bytes that were already validated upstream (our own parser, the fanout service) without copying.</summary>
    public static RawJson FromTrusted(ReadOnlyMemory<byte> utf8) => new(utf8);

    /// <summary>Copies a value the caller has just validated, flattening line breaks (see <see cref="TryCreate"/>).</summary>
    internal static RawJson CopyOf(ReadOnlySpan<byte> validated)
    {
        var copy = validated.ToArray();
        copy.AsSpan().Replace((byte)'\n', (byte)' ');
        copy.AsSpan().Replace((byte)'\r', (byte)' ');
        return new RawJson(copy);
    }

    public bool Equals(RawJson other) => Utf8.Span.SequenceEqual(other.Utf8.Span);

    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);

    public static bool operator ==(RawJson left, RawJson right) => left.Equals(right);

    public static bool operator !=(RawJson left, RawJson right) => !left.Equals(right);
}
