using System.Buffers;
using System.Net.WebSockets;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// A client WebSocket (<c>/connection/websocket</c>): text frames both ways, the disconnect code in the close frame.
/// Reads wait with a zero-byte receive, so an idle socket holds no buffer; one is rented only while a frame arrives.
/// </summary>
internal sealed class WebSocketTransport(WebSocket socket) : ClientTransport
{
    private const int FirstReadBytes = 4096;

    public override string Name => "websocket";

    public override async Task ReceiveAsync(ClientSession session, CommandDispatcher dispatcher)
    {
        while (!session.IsClosed)
        {
            // An idle socket waits without a buffer: one is rented only once a frame has started to arrive.
            var received = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close || session.IsClosed)
            {
                // Closed by the client, or by us while this receive waited for the client's answer to our close.
                return;
            }

            List<ClientCommand> commands = [];
            var buffer = ArrayPool<byte>.Shared.Rent(FirstReadBytes);
            var length = 0;
            try
            {
                while (!received.EndOfMessage)
                {
                    if (length == buffer.Length)
                    {
                        if (length >= session.MaxFrameBytes)
                        {
                            session.Disconnect(Disconnects.MessageTooBig);
                            return;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, session.MaxFrameBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (received.MessageType == WebSocketMessageType.Close || session.IsClosed)
                    {
                        return;
                    }

                    length += received.Count;
                    if (length > session.MaxFrameBytes)
                    {
                        session.Disconnect(Disconnects.MessageTooBig);
                        return;
                    }
                }

                if (received.MessageType != WebSocketMessageType.Text)
                {
                    session.Disconnect(Disconnects.BadRequest);
                    return;
                }

                if (!session.AcceptFrame(buffer.AsSpan(0, length), commands))
                {
                    return;
                }
            }
            finally
            {
                // The commands own copies of what they need: the frame's bytes go back before any command runs.
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await session.DispatchAsync(dispatcher, commands);
        }
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> frame) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public override async Task CloseAsync(DisconnectReason reason, CancellationToken cancellation)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)reason.Code, reason.Reason, cancellation);
        }
    }

    public override void Abort() => socket.Abort();
}
