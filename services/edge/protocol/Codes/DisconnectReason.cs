namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Why the server ends a connection: sent as the WebSocket close code and reason, or in a <c>disconnect</c> push.
/// </summary>
internal readonly record struct DisconnectReason(int Code, string Reason)
{
    /// <summary>
    /// Whether the SDK will reconnect: it stops for 3500–3999 and 4500–4999 and for 1009 (message too big),
    /// and reconnects for everything else, including 3000–3499 and 4000–4499.
    /// </summary>
    public bool Reconnect => Code is not (1009 or (>= 3500 and < 4000) or (>= 4500 and < 5000));
}
