namespace Classroom.Micro.EndToEnd.Tests.Transports;

/// <summary>What <c>transports.mjs</c> observed.</summary>
internal sealed record TransportsResult(
    int Total,
    IReadOnlyList<TransportMember> Members,
    HistoryObservation History,
    PresenceObservation Presence,
    PresenceStatsObservation PresenceStats,
    ConnectOutcome Refused,
    ProblemObservation UnknownSession,
    ProblemObservation UnknownNode,
    ProblemObservation UnknownSessionOnEdge);

/// <summary>One member: the transports it connected over, its node, its resubscribes and what it received.</summary>
internal sealed record TransportMember(
    string Label,
    IReadOnlyList<string> Transports,
    string? Node,
    bool HasSession,
    IReadOnlyList<RecoveryObservation> Recoveries,
    IReadOnlyList<ReceivedPublication> Publications,
    IReadOnlyList<long> PushedOffsets,
    IReadOnlyList<DisconnectObservation> Disconnects);

internal sealed record RecoveryObservation(bool Recovered, bool WasRecovering);

internal sealed record ReceivedPublication(long Offset, string? Key);

internal sealed record DisconnectObservation(int Code, string? Reason);

internal sealed record HistoryObservation(int Count, IReadOnlyList<long> Offsets);

internal sealed record PresenceObservation(int Clients);

internal sealed record PresenceStatsObservation(int NumClients, int NumUsers);

/// <summary>How a connect attempt ended: connected, or disconnected with a code.</summary>
internal sealed record ConnectOutcome(string Outcome, int? Code, string? Reason);

/// <summary>An HTTP answer with problem details.</summary>
internal sealed record ProblemObservation(int Status, string? ContentType, string? Title);
