namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// The connect reply. <see cref="Ping"/> is the server ping period in seconds and <see cref="Pong"/> asks the
/// client to answer each ping; <see cref="Expires"/>/<see cref="Ttl"/> (seconds) tell it when to refresh its token.
/// <see cref="Subs"/> are the server-side subscriptions, in the order they are written.
/// </summary>
internal sealed record ConnectResult(string Client, string Version, uint Ping, bool Pong, bool Expires, uint Ttl, string? Node, RawJson Data)
{
    /// <summary>The emulation session (HTTP-streaming, SSE) the SDK names in its <c>/emulation</c> requests; null over WebSocket.</summary>
    public string? Session { get; init; }

    /// <summary>The server-side subscriptions set up on connect, by channel (the reply's <c>subs</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, SubscribeResult>> Subs { get; init; } = [];
}
