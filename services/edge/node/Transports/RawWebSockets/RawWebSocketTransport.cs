using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// A client WebSocket the edge took over from Kestrel at the handshake (<see cref="RawWebSocketMiddleware"/>): RFC 6455
/// frames read from and written to the connection's own pipes, without ASP.NET Core's per-request state. An idle
/// connection waits in the pipe's read, which holds no buffer; one is rented only while a message arrives. Frames go
/// out header and payload straight into the output pipe, one flush per frame.
/// </summary>
internal sealed class RawWebSocketTransport(ConnectionContext connection) : ClientTransport, IDisposable
{
    private readonly WebSocketFrameDecoder _decoder = new();

    // The session's writer and the reader's pongs share the output; the writer alone is the common case, uncontended.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _closeSent;

    public override string Name => "websocket";

    public override async Task ReceiveAsync(ClientSession session, CommandDispatcher dispatcher)
    {
        var input = connection.Transport.Input;
        while (!session.IsClosed)
        {
            var read = await input.ReadAsync();
            var buffer = read.Buffer;
            var step = _decoder.Decode(ref buffer, session.MaxFrameBytes);
            while (step is FrameStep.Ping or FrameStep.Pong)
            {
                if (step == FrameStep.Ping)
                {
                    await TryWriteFrameAsync(WebSocketOpcode.Pong, _decoder.ControlPayload);
                }

                step = _decoder.Decode(ref buffer, session.MaxFrameBytes);
            }

            switch (step)
            {
                case FrameStep.Message:
                    List<ClientCommand> commands = [];
                    var accepted = _decoder.MessageIsText
                        ? session.AcceptFrame(_decoder.Message, commands)
                        : Refuse(session, Disconnects.BadRequest);
                    // The commands own copies of what they need: the bytes go back before any command runs.
                    input.AdvanceTo(buffer.Start);
                    if (!accepted)
                    {
                        return;
                    }

                    await session.DispatchAsync(dispatcher, commands);
                    continue;
                case FrameStep.Close:
                    // The session's close answers it (with the session's code, as the ASP.NET path does).
                    input.AdvanceTo(buffer.Start);
                    return;
                case FrameStep.Failed:
                    input.AdvanceTo(buffer.Start);
                    session.Disconnect(_decoder.Failure);
                    return;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                input.AdvanceTo(buffer.Start);
                return;
            }

            // Everything was looked at: the next read waits for bytes that were not here yet.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> frame)
    {
        if (!await TryWriteFrameAsync(WebSocketOpcode.Text, frame))
        {
            throw new IOException("The WebSocket was closed.");
        }
    }

    public override async Task CloseAsync(DisconnectReason reason, CancellationToken cancellation)
    {
        await _writing.WaitAsync(cancellation);
        try
        {
            if (_closeSent)
            {
                return;
            }

            _closeSent = true;
            WebSocketFrameWriter.WriteClose(connection.Transport.Output, reason);
            await FlushAsync(cancellation);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override void Abort() => connection.Abort();

    // The semaphore is left alone: it has no wait handle to free, and a writer stuck past its grace may still release it.
    public void Dispose() => _decoder.Dispose();

    private static bool Refuse(ClientSession session, DisconnectReason reason)
    {
        session.Disconnect(reason);
        return false;
    }

    /// <summary>Writes one frame unless our close went out first (then false): the session's writer and the reader's pongs share it.</summary>
    private async ValueTask<bool> TryWriteFrameAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload)
    {
        await _writing.WaitAsync();
        try
        {
            if (_closeSent)
            {
                return false;
            }

            WebSocketFrameWriter.WriteFrame(connection.Transport.Output, opcode, payload.Span);
            await FlushAsync(CancellationToken.None);
            return true;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellation)
    {
        var flushed = await connection.Transport.Output.FlushAsync(cancellation);
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new IOException("The client closed the connection.");
        }
    }
}
