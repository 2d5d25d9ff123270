using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>How an SDK call (rpc, publish) ended: resolved with <see cref="Data"/>, or rejected with an error code.</summary>
internal sealed record CallOutcome(bool Ok, JsonElement? Data, int? Code, string? Message)
{
    public string? DataString(string field) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>Publishing repeated until the outcome changed (moderation reaches the publisher's edge a moment later).</summary>
internal sealed record SettledPublish(bool Settled, CallOutcome? Last, int Attempts);

/// <summary>A client as a scenario saw it at the end: its connections, SDK state and how it was disconnected.</summary>
internal sealed record ClientState(
    string Label,
    IReadOnlyList<string> ClientIds,
    string State,
    IReadOnlyList<DisconnectSeen> Disconnects,
    IReadOnlyList<int> CloseCodes);

internal sealed record DisconnectSeen(int Code, string? Reason);

/// <summary>A connect attempt (<c>TestClient.attempt</c>).</summary>
internal sealed record ConnectOutcome(string Outcome, string? Client, int? Code, string? Reason);

/// <summary>A subscribe attempt (<c>TestClient.subscribe</c>).</summary>
internal sealed record SubscribeOutcome(bool Subscribed, int? Code, string? Reason);
