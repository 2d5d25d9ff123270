using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>The result line of <c>token-refresh.mjs</c>.</summary>
internal sealed record TokenRefreshResult(
    int TtlSeconds,
    long FinishedAt,
    string? RoundTrip,
    RefreshingClient Refreshing,
    RefreshingClient Stale,
    RefreshingClient Failing);

internal sealed record RefreshingClient(
    string Label,
    long FirstExpiry,
    int GetTokenCalls,
    string State,
    IReadOnlyList<string> ClientIds,
    IReadOnlyList<int> CloseCodes,
    IReadOnlyList<DisconnectSeen> Disconnects,
    IReadOnlyList<JsonElement> Errors);
