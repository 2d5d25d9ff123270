using System.Text.Json;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The HTTP API's response bodies in Centrifugo's shapes: <c>{"result":{…}}</c> or <c>{"error":{"code":N,"message":"…"}}</c>,
/// snake_case names, offsets as JSON numbers, <c>data</c> and <c>conn_info</c> as embedded JSON.
/// </summary>
internal static class HttpApiJson
{
    public static byte[] Result<T>(T result, Action<Utf8JsonWriter, T> writeFields)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        writer.WriteStartObject("result"u8);
        writeFields(writer, result);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return JsonScratch.Finish();
    }

    /// <summary><c>{"result":{…}}</c> with the fields of <paramref name="reply"/>'s result.</summary>
    public static byte[] Result(Reply reply) => Result(reply, ReplyFields);

    public static byte[] Error(ApiError error)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        ErrorObject(writer, (uint)error.Code, error.Message);
        writer.WriteEndObject();
        return JsonScratch.Finish();
    }

    public static void Publish(Utf8JsonWriter writer, PublishResult result)
    {
        writer.WriteNumber("offset"u8, result.Offset);
        writer.WriteString("epoch"u8, result.Epoch);
    }

    /// <summary><c>"responses":[{"result":{…}}, {"error":{…}}]</c>, one per channel in request order.</summary>
    public static void Broadcast(Utf8JsonWriter writer, BroadcastResult result)
    {
        writer.WriteStartArray("responses"u8);
        foreach (var response in result.Responses)
        {
            writer.WriteStartObject();
            if (response.Error is { } error)
            {
                ErrorObject(writer, error.Code, error.Message);
            }
            else
            {
                writer.WriteStartObject("result"u8);
                Publish(writer, response.Result);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>"presence":{"&lt;client&gt;":{"user","client","conn_info"}}</c>.</summary>
    public static void Presence(Utf8JsonWriter writer, PresenceResult result)
    {
        writer.WriteStartObject("presence"u8);
        foreach (var (client, info) in result.Presence)
        {
            writer.WritePropertyName(client);
            ViewJson.ClientInfo(writer, View(info));
        }

        writer.WriteEndObject();
    }

    public static void PresenceStats(Utf8JsonWriter writer, PresenceStatsResult result)
    {
        writer.WriteNumber("num_clients"u8, result.NumClients);
        writer.WriteNumber("num_users"u8, result.NumUsers);
    }

    /// <summary><c>"publications":[{"data","info","offset","tags"}],"offset":N,"epoch":"…"</c>; publications is always present, possibly empty.</summary>
    public static void History(Utf8JsonWriter writer, Api.V1.HistoryResult result)
    {
        writer.WriteStartArray("publications"u8);
        foreach (var publication in result.Publications)
        {
            var tags = publication.Tags.Count > 0 ? publication.Tags : null;
            var info = publication.Info is { } source ? View(source) : null;
            ViewJson.Publication(writer, new PublicationView(publication.Offset, RawJson.FromTrusted(publication.Data.Memory), info, tags));
        }

        writer.WriteEndArray();
        writer.WriteNumber("offset"u8, result.Offset);
        writer.WriteString("epoch"u8, result.Epoch);
    }

    /// <summary>
    /// <c>"nodes":[{"uid","name","version","num_clients","num_users","num_channels","num_subs","uptime","lease_expires_at_unix_ms"}]</c>:
    /// every live edge with the numbers it reported (Centrifugo's node fields, plus when its lease runs out).
    /// </summary>
    public static void Info(Utf8JsonWriter writer, InfoResult result)
    {
        writer.WriteStartArray("nodes"u8);
        foreach (var node in result.Nodes)
        {
            writer.WriteStartObject();
            writer.WriteString("uid"u8, node.Uid);
            writer.WriteString("name"u8, node.Name);
            writer.WriteString("version"u8, node.Version);
            writer.WriteNumber("num_clients"u8, node.NumClients);
            writer.WriteNumber("num_users"u8, node.NumUsers);
            writer.WriteNumber("num_channels"u8, node.NumChannels);
            writer.WriteNumber("num_subs"u8, node.NumSubs);
            writer.WriteNumber("uptime"u8, node.Uptime);
            writer.WriteNumber("lease_expires_at_unix_ms"u8, node.LeaseExpiresAtUnixMs);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>"channels":{"&lt;channel&gt;":{"num_clients":N}}</c>.</summary>
    public static void Channels(Utf8JsonWriter writer, ChannelsResult result)
    {
        writer.WriteStartObject("channels"u8);
        foreach (var (channel, info) in result.Channels.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(channel);
            writer.WriteStartObject();
            writer.WriteNumber("num_clients"u8, info.NumClients);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>"connections":{"&lt;client&gt;":{"client","user","edge","connected_at","conn_info"}}</c>, by client id;
    /// <c>connected_at</c> in Unix milliseconds, <c>conn_info</c> as embedded JSON and left out when the connection has none.
    /// </summary>
    public static void Connections(Utf8JsonWriter writer, ConnectionsResult result)
    {
        writer.WriteStartObject("connections"u8);
        foreach (var (client, connection) in result.Connections.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(client);
            writer.WriteStartObject();
            writer.WriteString("client"u8, connection.Client);
            writer.WriteString("user"u8, connection.User);
            writer.WriteString("edge"u8, connection.Edge);
            writer.WriteNumber("connected_at"u8, connection.ConnectedAtUnixMs);
            if (!connection.ConnInfo.IsEmpty)
            {
                // conn_info was validated as JSON where it entered (auth's token claim).
                writer.WritePropertyName("conn_info"u8);
                writer.WriteRawValue(connection.ConnInfo.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The whole body of a batch answer, <c>{"replies":[{"publish":{…}},{"error":{…}}]}</c>: Centrifugo answers a batch
    /// with its replies at the top level, not inside <c>result</c>.
    /// </summary>
    public static byte[] Batch(BatchResult result)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        writer.WriteStartArray("replies"u8);
        foreach (var reply in result.Replies)
        {
            writer.WriteStartObject();
            if (reply.Error is { } error)
            {
                ErrorObject(writer, error.Code, error.Message);
            }
            else
            {
                writer.WriteStartObject(MethodOf(reply));
                ReplyFields(writer, reply);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return JsonScratch.Finish();
    }

    /// <summary>The older <c>/api</c> format's answer: one <c>{"id":N,"result":{…}}</c> or <c>{"id":N,"error":{…}}</c> line per reply.</summary>
    public static byte[] Lines(IReadOnlyList<uint> ids, BatchResult result)
    {
        using var body = new MemoryStream();
        for (var i = 0; i < result.Replies.Count; i++)
        {
            var reply = result.Replies[i];
            var writer = JsonScratch.Begin();
            writer.WriteStartObject();
            if (ids[i] != 0)
            {
                writer.WriteNumber("id"u8, ids[i]);
            }

            if (reply.Error is { } error)
            {
                ErrorObject(writer, error.Code, error.Message);
            }
            else
            {
                writer.WriteStartObject("result"u8);
                ReplyFields(writer, reply);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            if (i > 0)
            {
                body.WriteByte((byte)'\n');
            }

            body.Write(JsonScratch.Finish());
        }

        return body.ToArray();
    }

    /// <summary>The method name a successful reply's result is filed under, as Centrifugo spells it.</summary>
    private static string MethodOf(Reply reply) => reply.ResultCase switch
    {
        Reply.ResultOneofCase.Publish => "publish",
        Reply.ResultOneofCase.Broadcast => "broadcast",
        Reply.ResultOneofCase.Presence => "presence",
        Reply.ResultOneofCase.PresenceStats => "presence_stats",
        Reply.ResultOneofCase.History => "history",
        Reply.ResultOneofCase.HistoryRemove => "history_remove",
        Reply.ResultOneofCase.Disconnect => "disconnect",
        Reply.ResultOneofCase.Unsubscribe => "unsubscribe",
        Reply.ResultOneofCase.Info => "info",
        Reply.ResultOneofCase.Channels => "channels",
        Reply.ResultOneofCase.Refresh => "refresh",
        Reply.ResultOneofCase.Subscribe => "subscribe",
        Reply.ResultOneofCase.Connections => "connections",
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.ResultCase, "a reply without a result"),
    };

    private static void ReplyFields(Utf8JsonWriter writer, Reply reply)
    {
        switch (reply.ResultCase)
        {
            case Reply.ResultOneofCase.Publish:
                Publish(writer, reply.Publish);
                break;
            case Reply.ResultOneofCase.Broadcast:
                Broadcast(writer, reply.Broadcast);
                break;
            case Reply.ResultOneofCase.Presence:
                Presence(writer, reply.Presence);
                break;
            case Reply.ResultOneofCase.PresenceStats:
                PresenceStats(writer, reply.PresenceStats);
                break;
            case Reply.ResultOneofCase.History:
                History(writer, reply.History);
                break;
            case Reply.ResultOneofCase.Info:
                Info(writer, reply.Info);
                break;
            case Reply.ResultOneofCase.Channels:
                Channels(writer, reply.Channels);
                break;
            case Reply.ResultOneofCase.Connections:
                Connections(writer, reply.Connections);
                break;
            default:
                // history_remove, disconnect, subscribe, unsubscribe and refresh answer an empty object.
                break;
        }
    }

    private static void ErrorObject(Utf8JsonWriter writer, uint code, string message)
    {
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
    }

    // conn_info was validated as JSON where it entered (auth's token claim, fanout's publish).
    private static ClientInfoView View(Api.V1.ClientInfo info) =>
        new(info.User, info.Client, RawJson.FromTrusted(info.ConnInfo.Memory), default);
}
