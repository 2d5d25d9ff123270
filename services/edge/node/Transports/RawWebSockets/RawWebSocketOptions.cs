namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>Which WebSocket implementation serves <c>/connection/websocket</c>. Bound from <c>Edge:Transports</c>.</summary>
public sealed class RawWebSocketOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge:Transports";

    /// <summary>
    /// Whether the edge takes WebSocket handshakes over from Kestrel and frames them itself (less memory per idle
    /// connection, fewer copies per frame); false leaves every WebSocket to ASP.NET Core's implementation.
    /// </summary>
    public bool RawWebSocket { get; set; } = true;
}
