using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.ServerApi;

/// <summary>The final line of <c>server-api.mjs</c>.</summary>
internal sealed record ServerApiResult(
    string Channel,
    IReadOnlyDictionary<string, string> Clients,
    IReadOnlyDictionary<string, string> Users,
    CentCall Presence,
    CentCall PresenceStats,
    CentCall Published,
    CentCall IdempotentFirst,
    CentCall IdempotentSecond,
    CentCall Broadcast,
    CentCall Marker,
    string? DeliveryError,
    IReadOnlyList<MemberDeliveries> Deliveries,
    CentCall History,
    CentCall HistoryPosition,
    RawCall StaleEpoch,
    CentCall Info,
    IReadOnlyList<CentCall> InfoByEdge,
    RawBody Batch,
    CentCall Pipeline,
    CentCall Channels,
    CentCall ChannelsAll,
    CentCall ChannelsNone,
    RawCall ChannelsBadPattern,
    RawBody Connections,
    RawBody ConnectionsAfter,
    CentCall HistoryRemove,
    CentCall HistoryAfterRemove,
    RawCall SinceRemoved,
    CentCall AfterRemove,
    RefusedCall UnknownChannel,
    RefusedCall WrongKey,
    ControlCall Unsubscribe,
    ControlCall Disconnect,
    CentCall PresenceAfter,
    RefreshCall Refresh,
    IReadOnlyList<MemberState> Members);

/// <summary>How a cent.js call ended: its <c>result</c>, or the message of what it threw.</summary>
internal sealed record CentCall(bool Ok, JsonElement? Result, string? Error)
{
    /// <summary>The result; throws with the failure when the call failed.</summary>
    public JsonElement Value() => Ok && Result is { } result ? result : throw new InvalidOperationException($"the cent.js call failed: {Error}");
}

/// <summary>The HTTP status and <c>error.code</c> of a raw call.</summary>
internal sealed record RawCall(int Status, int? Code);

/// <summary>The HTTP status and whole JSON body of a raw call (for answers without a <c>result</c>, like <c>batch</c>).</summary>
internal sealed record RawBody(int Status, JsonElement Body);

/// <summary>A call expected to be refused: what cent.js did, and what the raw HTTP answer was.</summary>
internal sealed record RefusedCall(CentCall CentJs, int Status, int? Code);

/// <summary>An unsubscribe or disconnect call and whether its effect showed up in the SDK in time (null error).</summary>
internal sealed record ControlCall(CentCall Call, string? Error);

/// <summary>
/// <c>refresh {user, expired: true}</c> called on the first edge for a student on the second: the call, whether the
/// connection closed in time (null error), how long after the call it closed, and both students' connections then.
/// </summary>
internal sealed record RefreshCall(CentCall Call, string? Error, long ClosedAfterMs, ConnectionState Expiring, ConnectionState Bystander);

/// <summary>A connection as its SDK saw it at one moment: the edge nodes it connected to, its close codes, its state.</summary>
internal sealed record ConnectionState(string Label, string User, IReadOnlyList<string> Nodes, IReadOnlyList<int> CloseCodes, string State);

/// <summary>What one member's SDK surfaced on the classroom channel, by publication kind.</summary>
internal sealed record MemberDeliveries(
    string Label, string Client, int Notices, int Once, int Broadcasts, int Batches, int Pipelines, int Markers, int WithPublisher, IReadOnlyList<long> Offsets);

/// <summary>A member at the end: its connection state and what the server did to it.</summary>
internal sealed record MemberState(
    string Label,
    string User,
    string Client,
    IReadOnlyList<string> ClientIds,
    IReadOnlyList<int> CloseCodes,
    string State,
    IReadOnlyList<JsonElement> Disconnects,
    IReadOnlyList<JsonElement> Unsubscribes);
