using System.Buffers.Text;
using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Typed reads of a property's value, positioned on its name. Each advances the reader onto the value and
/// consumes it. <c>null</c> means the field's default (protobuf JSON); any other type mismatch returns false.
/// </summary>
internal static class JsonValues
{
    public static bool SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return true;
    }

    public static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }

    public static bool TryReadBool(ref Utf8JsonReader reader, out bool value)
    {
        reader.Read();
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
    }

    public static bool TryReadUInt32(ref Utf8JsonReader reader, out uint value)
    {
        reader.Read();
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetUInt32(out value),
            JsonTokenType.Null => true,
            _ => false,
        };
    }

    public static bool TryReadInt32(ref Utf8JsonReader reader, out int value)
    {
        reader.Read();
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt32(out value),
            JsonTokenType.Null => true,
            _ => false,
        };
    }

    /// <summary>
    /// A uint64 as a JSON number (what the SDK sends) or as a decimal string (canonical protobuf JSON for 64-bit fields).
    /// </summary>
    public static bool TryReadUInt64(ref Utf8JsonReader reader, out ulong value)
    {
        reader.Read();
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetUInt64(out value);
            case JsonTokenType.String:
                var digits = reader.ValueSpan;
                return !reader.ValueIsEscaped
                    && !digits.IsEmpty
                    && digits[0] is >= (byte)'0' and <= (byte)'9'
                    && Utf8Parser.TryParse(digits, out value, out var consumed)
                    && consumed == digits.Length;
            case JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Copies the value's exact JSON text out of <paramref name="line"/>; <c>null</c> reads as empty.</summary>
    public static bool TryReadRaw(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, out RawJson value)
    {
        reader.Read();
        value = default;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        value = RawJson.CopyOf(line[start..(int)reader.BytesConsumed]);
        return true;
    }
}
