namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>
/// Everything <c>guarantee.mjs</c> recorded of one run (times are Unix milliseconds of the scenario's clock):
/// every publish attempt and its outcome, every client's sockets as seen on the wire, and the channel's history at the end.
/// </summary>
internal sealed record DeliveryRecord(
    string Channel,
    long StartedAt,
    long PublishedAt,
    long SettledAt,
    long? BreakReachedAt,
    long? ActionAt,
    DropoutRecord? Dropout,
    string? SettleError,
    StreamTop? Top,
    HistoryRecord? History,
    IReadOnlyList<PublishAttempt> Publishes,
    IReadOnlyList<ClientRecord> Clients);

/// <summary>The stream's position as the auditor read it at the end.</summary>
internal sealed record StreamTop(string Epoch, long Offset);

/// <summary>The whole retained history the auditor read at the end.</summary>
internal sealed record HistoryRecord(string Epoch, long Offset, IReadOnlyList<WirePublication> Publications);

/// <summary>A member that went away on its own for a while (scenario "dropout").</summary>
internal sealed record DropoutRecord(string Label, long DisconnectedAt, long? ReconnectedAt, int AckedAtDisconnect, int? AckedAtReconnect);

/// <summary>One publish as its sender saw it: <c>ack</c>, <c>error</c> (with the protocol code), <c>timeout</c>, or still <c>pending</c>.</summary>
internal sealed record PublishAttempt(string Client, string Channel, string Body, long SentAt, long? SettledAt, string Outcome, int? Code)
{
    public bool Acknowledged => Outcome == "ack";
}
