namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>What the edge needs of a client's WebSocket handshake request to admit and answer it.</summary>
/// <param name="Key">The <c>Sec-WebSocket-Key</c> (validated: base64 of 16 bytes).</param>
/// <param name="Host">The <c>Host</c> header (empty when absent).</param>
/// <param name="Origin">The <c>Origin</c> header, or null when absent.</param>
/// <param name="ForwardedFor">The gateway's <c>X-Forwarded-For</c>, or null.</param>
/// <param name="ForwardedHost">The gateway's <c>X-Forwarded-Host</c>, or null.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> the gateway (or client) sent, or null.</param>
/// <param name="TraceState">The W3C <c>tracestate</c>, or null.</param>
internal sealed record WebSocketUpgradeRequest(
    string Key, string Host, string? Origin, string? ForwardedFor, string? ForwardedHost, string? TraceParent = null, string? TraceState = null);
