using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>The result line of <c>classroom-presence.mjs</c>.</summary>
internal sealed record PresenceResult(
    string Channel,
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyDictionary<string, string> Clients,
    string? JoinError,
    string? LeaveError,
    PresenceByEdge Before,
    PresenceView After,
    PresenceWatchers Joins,
    PresenceWatchers Leaves,
    IReadOnlyDictionary<string, int> UnaskedPresencePushes);

/// <summary>What presence answered on each edge.</summary>
internal sealed record PresenceByEdge(PresenceView Edge0, PresenceView Edge1);

/// <summary>A presence answer (client id → info) and the presence stats asked at the same time.</summary>
internal sealed record PresenceView(IReadOnlyDictionary<string, PresenceEntry> Clients, PresenceStats Stats);

internal sealed record PresenceEntry(string User, string Client, JsonElement? ConnInfo)
{
    public string? InfoString(string field) =>
        ConnInfo is { ValueKind: JsonValueKind.Object } info && info.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

internal sealed record PresenceStats(int NumClients, int NumUsers);

/// <summary>The join or leave events each watcher (subscribed with joinLeave) saw.</summary>
internal sealed record PresenceWatchers(IReadOnlyList<PresenceEvent> Teacher, IReadOnlyList<PresenceEvent> Listener);

internal sealed record PresenceEvent(string? User, string? Client, JsonElement? ConnInfo);
