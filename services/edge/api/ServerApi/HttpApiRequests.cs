using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Centrifugo's HTTP API request bodies mapped onto the server API contract (the same messages gRPC callers send).
/// Fields we do not implement (<c>skip_history</c>, <c>b64data</c>, <c>session</c>, <c>whitelist</c>, refresh's
/// <c>info</c> and <c>meta</c>…) are ignored.
/// </summary>
internal static class HttpApiRequests
{
    public static PublishRequest Publish(JsonRequestFields fields)
    {
        var request = new PublishRequest
        {
            Channel = fields.String("channel"),
            Data = fields.Json("data"),
            IdempotencyKey = fields.String("idempotency_key"),
        };
        request.Tags.Add(fields.StringMap("tags"));
        return request;
    }

    public static BroadcastRequest Broadcast(JsonRequestFields fields)
    {
        var request = new BroadcastRequest
        {
            Data = fields.Json("data"),
            IdempotencyKey = fields.String("idempotency_key"),
        };
        request.Channels.AddRange(fields.Strings("channels"));
        return request;
    }

    public static ChannelRequest Channel(JsonRequestFields fields) => new() { Channel = fields.String("channel") };

    /// <summary><c>{channel, limit, since: {offset, epoch}, reverse}</c>.</summary>
    public static HistoryRequest History(JsonRequestFields fields)
    {
        var since = fields.Object("since");
        return new HistoryRequest
        {
            Channel = fields.String("channel"),
            Limit = fields.Int32("limit"),
            SinceOffset = since?.UInt64("offset") ?? 0,
            SinceEpoch = since?.String("epoch") ?? string.Empty,
            Reverse = fields.Boolean("reverse"),
        };
    }

    /// <summary><c>{user, client, disconnect: {code, reason}}</c>.</summary>
    public static DisconnectRequest Disconnect(JsonRequestFields fields)
    {
        var disconnect = fields.Object("disconnect");
        return new DisconnectRequest
        {
            User = fields.String("user"),
            Client = fields.String("client"),
            Code = disconnect?.UInt32("code") ?? 0,
            Reason = disconnect?.String("reason") ?? string.Empty,
        };
    }

    public static UnsubscribeRequest Unsubscribe(JsonRequestFields fields) => new()
    {
        User = fields.String("user"),
        Channel = fields.String("channel"),
        Client = fields.String("client"),
    };

    /// <summary><c>{user, client, expired, expire_at}</c>.</summary>
    public static RefreshRequest Refresh(JsonRequestFields fields) => new()
    {
        User = fields.String("user"),
        Client = fields.String("client"),
        Expired = fields.Boolean("expired"),
        ExpireAt = fields.Int64("expire_at"),
    };

    /// <summary><c>{user, channel, client, data, recover_since: {offset, epoch}}</c>.</summary>
    public static SubscribeRequest Subscribe(JsonRequestFields fields)
    {
        var since = fields.Object("recover_since");
        return new SubscribeRequest
        {
            User = fields.String("user"),
            Channel = fields.String("channel"),
            Client = fields.String("client"),
            Data = fields.Json("data"),
            RecoverSince = since is null ? null : new StreamPosition { Offset = since.UInt64("offset"), Epoch = since.String("epoch") },
        };
    }

    /// <summary><c>{user, channel}</c>: at least one of them.</summary>
    public static ConnectionsRequest Connections(JsonRequestFields fields) => new()
    {
        User = fields.String("user"),
        Channel = fields.String("channel"),
    };

    public static ChannelsRequest Channels(JsonRequestFields fields) => new() { Pattern = fields.String("pattern") };
}
