namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>One SDK client: its sockets in the order it opened them, and what the SDK emitted per channel.</summary>
internal sealed record ClientRecord(
    string Label,
    IReadOnlyList<SocketRecord> Sockets,
    IReadOnlyDictionary<string, IReadOnlyList<WirePublication>> Sdk);

/// <summary>One WebSocket of a client, with everything that crossed it that matters to delivery, in arrival order.</summary>
internal sealed record SocketRecord(int Index, string Url, long OpenedAt, long? ClosedAt, int? CloseCode, IReadOnlyList<WireEvent> Events);

/// <summary>A publication as <c>(offset, body id)</c>.</summary>
internal sealed record WirePublication(long O, string? B);

/// <summary>
/// One event on a socket, by kind <c>K</c>: <c>subscribe</c> (command sent: <c>Recover</c>, <c>Offset</c>, <c>Epoch</c>),
/// <c>subscribed</c> (reply: <c>Epoch</c>, <c>Offset</c>, <c>Recovered</c>, <c>WasRecovering</c>, <c>Pubs</c>),
/// <c>subscribeError</c> (<c>Code</c>), <c>pub</c> (push: <c>O</c>, <c>B</c>), <c>unsubscribed</c>, <c>disconnect</c> (<c>Code</c>),
/// <c>connected</c> (<c>Client</c>).
/// </summary>
internal sealed record WireEvent(
    string K,
    long T,
    string? Channel = null,
    bool Recover = false,
    long Offset = 0,
    string? Epoch = null,
    bool Recovered = false,
    bool WasRecovering = false,
    IReadOnlyList<WirePublication>? Pubs = null,
    long O = 0,
    string? B = null,
    int? Code = null,
    string? Client = null);
