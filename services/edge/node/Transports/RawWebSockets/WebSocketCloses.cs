using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>The RFC 6455 close codes the edge's own framing answers a broken client with (section 7.4.1).</summary>
internal static class WebSocketCloses
{
    /// <summary>A frame the protocol forbids: unmasked, reserved bits or opcode, a fragmented or oversized control frame.</summary>
    public static readonly DisconnectReason ProtocolError = new(1002, "protocol error");

    /// <summary>A text message or close reason that is not valid UTF-8.</summary>
    public static readonly DisconnectReason InvalidPayload = new(1007, "invalid payload");

    /// <summary>The client's close frame carried no status code.</summary>
    public const int NoStatus = 1005;

    /// <summary>Whether a client may send <paramref name="code"/> in a close frame (section 7.4: 1000–1014 minus the
    /// codes reserved for local use, and the registered and private ranges 3000–4999).</summary>
    public static bool IsValidReceived(int code) =>
        code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
}
