using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Classroom.Micro.Edge.Tests.Protocol;

/// <summary>Seeded generator of arbitrary JSON values and of field names no request defines.</summary>
internal sealed class RandomJson(Random random)
{
    private static readonly string[] UnknownNames =
    [
        "flag", "headers", "tf", "delta", "positioned", "recoverable", "type", "phase", "cursor", "asc",
        "dict", "profile", "future", "x", "_", "ĉu", "with space", "quote\"d", "emoji😀", "",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "3.14159", "-2.5e-300", "1e308", "18446744073709551616", "-9223372036854775809",
        "4294967296", "0.000001", "123456789012345678901234567890",
    ];

    public Random Random { get; } = random;

    public string UnknownName() =>
        Random.Next(3) == 0 ? "u_" + Text(1, 8) : UnknownNames[Random.Next(UnknownNames.Length)];

    public string Text(int min, int max)
    {
        var length = Random.Next(min, max + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Random.Next(10) switch
            {
                0 => '"',
                1 => '\\',
                2 => '\n',
                3 => 'é',
                4 => '数',
                5 => (char)Random.Next(0, 32),
                _ => (char)Random.Next('a', 'z' + 1),
            };
        }

        return new string(chars);
    }

    /// <summary>One compact JSON value, as the SDK's JSON.stringify would write it.</summary>
    public byte[] ValueBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Value(writer, 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public void Value(Utf8JsonWriter writer, int depth)
    {
        switch (Random.Next(depth >= 4 ? 5 : 7))
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                writer.WriteBooleanValue(Random.Next(2) == 0);
                break;
            case 2:
                writer.WriteRawValue(Numbers[Random.Next(Numbers.Length)]);
                break;
            case 3:
                writer.WriteNumberValue(Random.NextInt64().ToString(CultureInfo.InvariantCulture).Length);
                break;
            case 4:
                writer.WriteStringValue(Text(0, 12));
                break;
            case 5:
                writer.WriteStartObject();
                for (var i = Random.Next(5); i > 0; i--)
                {
                    writer.WritePropertyName(UnknownName());
                    Value(writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartArray();
                for (var i = Random.Next(5); i > 0; i--)
                {
                    Value(writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>Zero to three unknown fields with arbitrary values.</summary>
    public IEnumerable<Action<Utf8JsonWriter>> UnknownFields()
    {
        var count = Random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var name = UnknownName();
            var value = ValueBytes();
            yield return writer =>
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            };
        }
    }

    /// <summary>Writes one object with the given fields in random order.</summary>
    public void Object(Utf8JsonWriter writer, IEnumerable<Action<Utf8JsonWriter>> fields)
    {
        var shuffled = fields.ToArray();
        Random.Shuffle(shuffled);
        writer.WriteStartObject();
        foreach (var field in shuffled)
        {
            field(writer);
        }

        writer.WriteEndObject();
    }
}
