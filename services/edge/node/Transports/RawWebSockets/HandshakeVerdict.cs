namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>What <see cref="WebSocketHandshakeParser.TryParse"/> made of the first bytes of a connection.</summary>
internal enum HandshakeVerdict
{
    /// <summary>It may be a WebSocket handshake; its head is not complete yet.</summary>
    NeedMore,

    /// <summary>Anything else: the HTTP pipeline serves it, from the first byte.</summary>
    NotOurs,

    /// <summary>A valid WebSocket upgrade of <c>/connection/websocket</c>: the edge answers it itself.</summary>
    Upgrade,
}
