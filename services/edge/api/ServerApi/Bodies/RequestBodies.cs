using System.Runtime.InteropServices;
using System.Text.Json;
using Classroom.Micro.Api.V1;
using Google.Protobuf;

namespace Classroom.Micro.Api.ServerApi.Bodies;

// Centrifugo's HTTP API request bodies, bound by System.Text.Json source generation (RequestBodiesContext,
// snake_case names). Every field is optional in the JSON: an absent or null field is the contract's empty value, and
// the operation decides what it requires (answering 107 naming the field); a field of the wrong type fails binding
// (answered 400 naming it). Unknown fields (`skip_history`, `b64data`, `session`, refresh's `info`…) are ignored.

/// <summary><c>{channel, data, idempotency_key, tags}</c>.</summary>
internal sealed record PublishBody(string? Channel, JsonElement? Data, string? IdempotencyKey, Dictionary<string, string>? Tags)
{
    public PublishRequest ToContract()
    {
        var request = new PublishRequest { Channel = Channel ?? "", Data = RawJsonBytes.Of(Data), IdempotencyKey = IdempotencyKey ?? "" };
        request.Tags.Add(Tags ?? []);
        return request;
    }
}

/// <summary><c>{channels, data, idempotency_key}</c>.</summary>
internal sealed record BroadcastBody(List<string>? Channels, JsonElement? Data, string? IdempotencyKey)
{
    public BroadcastRequest ToContract()
    {
        var request = new BroadcastRequest { Data = RawJsonBytes.Of(Data), IdempotencyKey = IdempotencyKey ?? "" };
        request.Channels.AddRange(Channels ?? []);
        return request;
    }
}

/// <summary><c>{channel}</c>: presence, presence_stats, history_remove.</summary>
internal sealed record ChannelBody(string? Channel)
{
    public ChannelRequest ToContract() => new() { Channel = Channel ?? "" };
}

/// <summary>A stream position: <c>{offset, epoch}</c>.</summary>
internal sealed record PositionBody(ulong? Offset, string? Epoch);

/// <summary><c>{channel, limit, since: {offset, epoch}, reverse}</c>.</summary>
internal sealed record HistoryBody(string? Channel, int? Limit, PositionBody? Since, bool? Reverse)
{
    public HistoryRequest ToContract() => new()
    {
        Channel = Channel ?? "",
        Limit = Limit ?? 0,
        SinceOffset = Since?.Offset ?? 0,
        SinceEpoch = Since?.Epoch ?? "",
        Reverse = Reverse ?? false,
    };
}

/// <summary>The close a disconnect asks for: <c>{code, reason}</c>.</summary>
internal sealed record DisconnectCloseBody(uint? Code, string? Reason);

/// <summary><c>{user, client, disconnect: {code, reason}}</c>.</summary>
internal sealed record DisconnectBody(string? User, string? Client, DisconnectCloseBody? Disconnect)
{
    public DisconnectRequest ToContract() => new()
    {
        User = User ?? "",
        Client = Client ?? "",
        Code = Disconnect?.Code ?? 0,
        Reason = Disconnect?.Reason ?? "",
    };
}

/// <summary><c>{user, channel, client}</c>.</summary>
internal sealed record UnsubscribeBody(string? User, string? Channel, string? Client)
{
    public UnsubscribeRequest ToContract() => new() { User = User ?? "", Channel = Channel ?? "", Client = Client ?? "" };
}

/// <summary><c>{user, channel, client, data, recover_since: {offset, epoch}}</c>.</summary>
internal sealed record SubscribeBody(string? User, string? Channel, string? Client, JsonElement? Data, PositionBody? RecoverSince)
{
    public SubscribeRequest ToContract() => new()
    {
        User = User ?? "",
        Channel = Channel ?? "",
        Client = Client ?? "",
        Data = RawJsonBytes.Of(Data),
        RecoverSince = RecoverSince is { } since ? new StreamPosition { Offset = since.Offset ?? 0, Epoch = since.Epoch ?? "" } : null,
    };
}

/// <summary><c>{user, client, expired, expire_at}</c>.</summary>
internal sealed record RefreshBody(string? User, string? Client, bool? Expired, long? ExpireAt)
{
    public RefreshRequest ToContract() => new() { User = User ?? "", Client = Client ?? "", Expired = Expired ?? false, ExpireAt = ExpireAt ?? 0 };
}

/// <summary><c>{pattern}</c>.</summary>
internal sealed record ChannelsBody(string? Pattern)
{
    public ChannelsRequest ToContract() => new() { Pattern = Pattern ?? "" };
}

/// <summary><c>{user, channel}</c>.</summary>
internal sealed record ConnectionsBody(string? User, string? Channel)
{
    public ConnectionsRequest ToContract() => new() { User = User ?? "", Channel = Channel ?? "" };
}

/// <summary><c>{commands: [{"&lt;method&gt;": {…}}], parallel}</c>; each command is bound on its own.</summary>
internal sealed record BatchBody(JsonElement? Commands, bool? Parallel);

/// <summary>One command of the older <c>/api</c> format: <c>{id, method, params}</c>.</summary>
internal sealed record PipelineCommandBody(uint? Id, JsonElement? Method, JsonElement? Params);

/// <summary>Raw JSON values (the API's <c>data</c>) as the contract's bytes.</summary>
internal static class RawJsonBytes
{
    /// <summary>The value's UTF-8 text; empty when absent or null.</summary>
    public static ByteString Of(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Null } present ? ByteString.CopyFrom(JsonMarshal.GetRawUtf8Value(present)) : ByteString.Empty;
}
