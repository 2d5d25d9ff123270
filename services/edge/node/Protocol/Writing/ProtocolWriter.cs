namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Encodes replies and pushes, one JSON object per call with no trailing newline (<see cref="FrameBatcher"/> joins
/// them into frames). Replies carry the command's id; pushes carry none, and an object with neither id nor push
/// is a ping to the SDK.
/// </summary>
internal static partial class ProtocolWriter
{
    private const int ReplyDepth = 2;

    /// <summary>The server ping, an empty object; the SDK answers it with an empty object when the connect result set <c>pong</c>.</summary>
    public static ReadOnlyMemory<byte> Ping { get; } = "{}"u8.ToArray();

    /// <summary><c>{"id":1,"error":{"code":103,"message":"permission denied"}}</c>, with <c>"temporary":true</c> only when set.</summary>
    public static byte[] Error(uint id, ClientError error)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "error"u8);
        writer.WriteNumber("code"u8, error.Code);
        ViewJson.StringIfAny(writer, "message"u8, error.Message);
        ViewJson.TrueIfSet(writer, "temporary"u8, error.Temporary);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    public static byte[] Connect(uint id, ConnectResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "connect"u8);
        ViewJson.StringIfAny(writer, "client"u8, result.Client);
        ViewJson.StringIfAny(writer, "version"u8, result.Version);
        ViewJson.TrueIfSet(writer, "expires"u8, result.Expires);
        ViewJson.NumberIfAny(writer, "ttl"u8, result.Ttl);
        ViewJson.RawIfAny(writer, "data"u8, result.Data);
        ViewJson.NumberIfAny(writer, "ping"u8, result.Ping);
        ViewJson.TrueIfSet(writer, "pong"u8, result.Pong);
        ViewJson.StringIfAny(writer, "node"u8, result.Node);
        ViewJson.StringIfAny(writer, "session"u8, result.Session);
        if (result.Subs is { Count: > 0 } subs)
        {
            // Server-side subscriptions: the SDK reports each as subscribed, then emits recovered publications.
            writer.WriteStartObject("subs"u8);
            foreach (var (channel, sub) in subs)
            {
                writer.WriteStartObject(channel);
                SubscribeFields(writer, sub);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    /// <summary>
    /// The SDK takes <c>epoch</c>/<c>offset</c> as its recovery position only when <c>recoverable</c> is set, and
    /// emits <c>publications</c> after its subscribed event.
    /// </summary>
    public static byte[] Subscribe(uint id, SubscribeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "subscribe"u8);
        SubscribeFields(writer, result);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    /// <summary>The fields of a subscribe result, inside an object the caller opened (reply or connect <c>subs</c> entry).</summary>
    private static void SubscribeFields(System.Text.Json.Utf8JsonWriter writer, SubscribeResult result)
    {
        ViewJson.TrueIfSet(writer, "expires"u8, result.Expires);
        ViewJson.NumberIfAny(writer, "ttl"u8, result.Ttl);
        ViewJson.TrueIfSet(writer, "recoverable"u8, result.Recoverable);
        ViewJson.StringIfAny(writer, "epoch"u8, result.Epoch);
        ViewJson.PublicationsIfAny(writer, result.Publications);
        ViewJson.TrueIfSet(writer, "recovered"u8, result.Recovered);
        ViewJson.NumberIfAny(writer, "offset"u8, result.Offset);
        ViewJson.TrueIfSet(writer, "positioned"u8, result.Positioned);
        ViewJson.TrueIfSet(writer, "was_recovering"u8, result.WasRecovering);
    }

    /// <summary>A result with no fields, e.g. <c>{"id":3,"publish":{}}</c> for publish, unsubscribe and sub_refresh.</summary>
    public static byte[] Empty(uint id, string resultField)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultField);
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, id);
        writer.WriteStartObject(resultField);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    public static byte[] History(uint id, HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "history"u8);
        ViewJson.PublicationsIfAny(writer, result.Publications);
        ViewJson.StringIfAny(writer, "epoch"u8, result.Epoch);
        ViewJson.NumberIfAny(writer, "offset"u8, result.Offset);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    /// <summary><c>{"id":5,"presence":{"presence":{"&lt;client&gt;":{…info…}}}}</c>; the map is written even when empty.</summary>
    public static byte[] Presence(uint id, IReadOnlyDictionary<string, ClientInfoView> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "presence"u8);
        writer.WriteStartObject("presence"u8);
        foreach (var (client, info) in clients)
        {
            writer.WritePropertyName(client);
            ViewJson.ClientInfo(writer, info);
        }

        writer.WriteEndObject();
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    /// <summary>Both counts are written even when zero: the SDK returns them as they are, without defaulting.</summary>
    public static byte[] PresenceStats(uint id, int numClients, int numUsers)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "presence_stats"u8);
        writer.WriteNumber("num_clients"u8, numClients);
        writer.WriteNumber("num_users"u8, numUsers);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    public static byte[] Rpc(uint id, RawJson data)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "rpc"u8);
        ViewJson.RawIfAny(writer, "data"u8, data);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }

    public static byte[] Refresh(uint id, RefreshResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = JsonScratch.Begin();
        ViewJson.StartReply(writer, id, "refresh"u8);
        ViewJson.StringIfAny(writer, "client"u8, result.Client);
        ViewJson.StringIfAny(writer, "version"u8, result.Version);
        ViewJson.TrueIfSet(writer, "expires"u8, result.Expires);
        ViewJson.NumberIfAny(writer, "ttl"u8, result.Ttl);
        ViewJson.End(writer, ReplyDepth);
        return JsonScratch.Finish();
    }
}
