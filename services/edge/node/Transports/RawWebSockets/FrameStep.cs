namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>What <see cref="WebSocketFrameDecoder.Decode"/> found in the bytes it was given.</summary>
internal enum FrameStep
{
    /// <summary>Everything given was taken; a frame or message is not complete yet.</summary>
    NeedMore,

    /// <summary>A whole message (text or binary, reassembled from its fragments) is in <see cref="WebSocketFrameDecoder.Message"/>.</summary>
    Message,

    /// <summary>A ping; its payload is in <see cref="WebSocketFrameDecoder.ControlPayload"/> and goes back in the pong.</summary>
    Ping,

    /// <summary>A pong (unsolicited or not): nothing to do.</summary>
    Pong,

    /// <summary>The client's close frame; its code and reason are in <see cref="WebSocketFrameDecoder.CloseStatus"/>.</summary>
    Close,

    /// <summary>The client broke the protocol; <see cref="WebSocketFrameDecoder.Failure"/> is the close to answer with.</summary>
    Failed,
}
