using System.Buffers;
using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>The client commands the benchmark sends, written as Centrifugo JSON protocol frames.</summary>
internal static class CommandFrames
{
    /// <summary>The answer to a server ping: an empty object.</summary>
    public static ReadOnlyMemory<byte> Pong { get; } = "{}"u8.ToArray();

    public static byte[] Connect(uint id, string token, string name) => Write(id, "connect", writer =>
    {
        writer.WriteString("token", token);
        writer.WriteString("name", name);
    });

    public static byte[] Subscribe(uint id, string channel) => Write(id, "subscribe", writer => writer.WriteString("channel", channel));

    /// <summary>A subscribe that asks for every publication after <paramref name="offset"/> of <paramref name="epoch"/> (a reconnect's recovery).</summary>
    public static byte[] SubscribeRecovering(uint id, string channel, ulong offset, string epoch) => Write(id, "subscribe", writer =>
    {
        writer.WriteString("channel", channel);
        writer.WriteBoolean("recover", true);
        writer.WriteNumber("offset", offset);
        writer.WriteString("epoch", epoch);
    });

    /// <summary>A publish of <paramref name="data"/>, which must be one JSON value (it is embedded as it is).</summary>
    public static byte[] Publish(uint id, string channel, ReadOnlySpan<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length + channel.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteStartObject("publish");
            writer.WriteString("channel", channel);
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Write(uint id, string method, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteStartObject(method);
            body(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
