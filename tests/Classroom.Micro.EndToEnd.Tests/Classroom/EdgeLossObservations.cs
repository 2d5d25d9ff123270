namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>The result line of <c>edge-loss.mjs</c>.</summary>
internal sealed record EdgeLossResult(
    string KilledEdge,
    string SurvivorEdge,
    IReadOnlyList<string> Gone,
    CallOutcome Mute,
    SettledPublish MutedBefore,
    long? LeaveMs,
    IReadOnlyList<PresenceEvent> Leaves,
    long? PresenceMs,
    System.Text.Json.JsonElement? LastPresence,
    string? ReconnectError,
    IReadOnlyList<string> MutedNodes,
    IReadOnlyList<string> MutedClientIds,
    CallOutcome? MutedAfterRestart,
    CallOutcome Unmute,
    SettledPublish? AfterUnmute);

/// <summary>Everything one run of <c>edge-loss.mjs</c> showed, with the cluster's output when it went wrong.</summary>
internal sealed record EdgeLossOutcome(EdgeLossResult Result, string Output);
