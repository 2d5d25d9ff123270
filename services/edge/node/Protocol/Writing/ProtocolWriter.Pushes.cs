namespace Classroom.Micro.Edge.Protocol;

/// <summary>The asynchronous pushes: no id, a <c>push</c> object naming the channel.</summary>
internal static partial class ProtocolWriter
{
    private const int PushDepth = 3;

    /// <summary><c>{"push":{"channel":"c","pub":{"data":…,"info":{…},"offset":5}}}</c>; encode once, send to every subscriber.</summary>
    public static byte[] PublicationPush(string channel, PublicationView publication)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        writer.WriteStartObject("push"u8);
        writer.WriteString("channel"u8, channel);
        writer.WritePropertyName("pub"u8);
        ViewJson.Publication(writer, publication);
        ViewJson.End(writer, 2);
        return JsonScratch.Finish();
    }

    /// <summary>
    /// <c>{"push":{"channel":"c","subscribe":{"recoverable":true,"epoch":"e","offset":5,"positioned":true,"data":…}}}</c>:
    /// the server subscribed the connection (server API). The SDK emits its client-level <c>subscribed</c> event.
    /// </summary>
    public static byte[] SubscribePush(string channel, SubscribeResult result, RawJson data)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = JsonScratch.Begin();
        ViewJson.StartPush(writer, channel, "subscribe"u8);
        ViewJson.TrueIfSet(writer, "recoverable"u8, result.Recoverable);
        ViewJson.StringIfAny(writer, "epoch"u8, result.Epoch);
        ViewJson.NumberIfAny(writer, "offset"u8, result.Offset);
        ViewJson.TrueIfSet(writer, "positioned"u8, result.Positioned);
        ViewJson.RawIfAny(writer, "data"u8, data);
        ViewJson.End(writer, PushDepth);
        return JsonScratch.Finish();
    }

    public static byte[] JoinPush(string channel, ClientInfoView info) => PresencePush(channel, "join"u8, info);

    public static byte[] LeavePush(string channel, ClientInfoView info) => PresencePush(channel, "leave"u8, info);

    /// <summary>Ends one subscription; the SDK resubscribes for codes from 2500 and gives up below.</summary>
    public static byte[] UnsubscribePush(string channel, int code, string reason)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartPush(writer, channel, "unsubscribe"u8);
        writer.WriteNumber("code"u8, code);
        ViewJson.StringIfAny(writer, "reason"u8, reason);
        ViewJson.End(writer, PushDepth);
        return JsonScratch.Finish();
    }

    public static byte[] UnsubscribePush(string channel, UnsubscribeReason reason) =>
        UnsubscribePush(channel, reason.Code, reason.Reason);

    /// <summary>
    /// Announces a disconnect before the close frame. The SDK decides whether to reconnect from the code's range,
    /// not from <c>reconnect</c>, which is written for other clients.
    /// </summary>
    public static byte[] DisconnectPush(DisconnectReason reason)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartPush(writer, channel: null, "disconnect"u8);
        writer.WriteNumber("code"u8, reason.Code);
        ViewJson.StringIfAny(writer, "reason"u8, reason.Reason);
        ViewJson.TrueIfSet(writer, "reconnect"u8, reason.Reconnect);
        ViewJson.End(writer, PushDepth);
        return JsonScratch.Finish();
    }

    /// <summary>
    /// Tells the client that the server moved its connection's expiry (the server API's <c>refresh</c>): <c>ttl</c>
    /// seconds are left, or (without <c>expires</c>) the connection no longer expires.
    /// </summary>
    public static byte[] RefreshPush(bool expires, uint ttl)
    {
        var writer = JsonScratch.Begin();
        ViewJson.StartPush(writer, channel: null, "refresh"u8);
        ViewJson.TrueIfSet(writer, "expires"u8, expires);
        ViewJson.NumberIfAny(writer, "ttl"u8, ttl);
        ViewJson.End(writer, PushDepth);
        return JsonScratch.Finish();
    }

    private static byte[] PresencePush(string channel, ReadOnlySpan<byte> field, ClientInfoView info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var writer = JsonScratch.Begin();
        ViewJson.StartPush(writer, channel, field);
        writer.WritePropertyName("info"u8);
        ViewJson.ClientInfo(writer, info);
        ViewJson.End(writer, PushDepth);
        return JsonScratch.Finish();
    }
}
