using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// The shared pieces of replies and pushes, in protobuf JSON form: snake_case names, false/zero/empty fields
/// omitted, uint64 as JSON numbers (what the SDK reads), <c>bytes</c> fields as embedded JSON.
/// </summary>
internal static class ViewJson
{
    public static void StartReply(Utf8JsonWriter writer, uint id, ReadOnlySpan<byte> resultField)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, id);
        writer.WriteStartObject(resultField);
    }

    public static void StartPush(Utf8JsonWriter writer, string? channel, ReadOnlySpan<byte> pushField)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("push"u8);
        if (!string.IsNullOrEmpty(channel))
        {
            writer.WriteString("channel"u8, channel);
        }

        writer.WriteStartObject(pushField);
    }

    /// <summary>Closes a reply (two levels) or a push (three levels).</summary>
    public static void End(Utf8JsonWriter writer, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            writer.WriteEndObject();
        }
    }

    public static void StringIfAny(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    public static void TrueIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool value)
    {
        if (value)
        {
            writer.WriteBoolean(name, true);
        }
    }

    public static void NumberIfAny(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ulong value)
    {
        if (value != 0)
        {
            writer.WriteNumber(name, value);
        }
    }

    public static void RawIfAny(Utf8JsonWriter writer, ReadOnlySpan<byte> name, RawJson value)
    {
        if (!value.IsEmpty)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
        }
    }

    /// <summary><c>{"user":…,"client":…,"conn_info":…,"chan_info":…}</c>; user and client are always present, as the SDK reads them.</summary>
    public static void ClientInfo(Utf8JsonWriter writer, ClientInfoView info)
    {
        writer.WriteStartObject();
        writer.WriteString("user"u8, info.User);
        writer.WriteString("client"u8, info.Client);
        RawIfAny(writer, "conn_info"u8, info.ConnInfo);
        RawIfAny(writer, "chan_info"u8, info.ChanInfo);
        writer.WriteEndObject();
    }

    public static void Publication(Utf8JsonWriter writer, in PublicationView publication)
    {
        writer.WriteStartObject();
        RawIfAny(writer, "data"u8, publication.Data);
        if (publication.Info is not null)
        {
            writer.WritePropertyName("info"u8);
            ClientInfo(writer, publication.Info);
        }

        NumberIfAny(writer, "offset"u8, publication.Offset);
        if (publication.Tags is { Count: > 0 } tags)
        {
            writer.WriteStartObject("tags"u8);
            foreach (var (key, value) in tags)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void PublicationsIfAny(Utf8JsonWriter writer, IReadOnlyList<PublicationView> publications)
    {
        if (publications.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("publications"u8);
        for (var i = 0; i < publications.Count; i++)
        {
            Publication(writer, publications[i]);
        }

        writer.WriteEndArray();
    }
}
