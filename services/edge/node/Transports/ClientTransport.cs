using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// How one connection's frames travel: how commands come in, how frames go out, how the connection ends. The
/// <see cref="ClientSession"/> holds every protocol rule (queues, pings, deadlines, limits, disconnect codes) and is
/// the same for each transport. A frame is one or more JSON messages separated by <c>\n</c>, without a trailing one.
/// </summary>
internal abstract class ClientTransport
{
    /// <summary>The transport's name as the SDK knows it (<c>websocket</c>, <c>http_stream</c>, <c>sse</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The emulation session id the SDK sends back with its commands; null when commands share the connection.</summary>
    public virtual string? Session => null;

    /// <summary>The <c>node</c> the SDK sends back with its commands, when the gateway named this edge; else null (the edge id).</summary>
    public virtual string? Node => null;

    /// <summary>Brings the client's commands to <paramref name="session"/> until the client or the server ends the connection.</summary>
    public abstract Task ReceiveAsync(ClientSession session, CommandDispatcher dispatcher);

    /// <summary>Writes one frame; called by the session's one writer only, never concurrently.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> frame);

    /// <summary>Tells the client why the connection ends (after everything queued was sent) and ends it.</summary>
    public abstract Task CloseAsync(DisconnectReason reason, CancellationToken cancellation);

    /// <summary>Cuts the connection at once: a client that does not answer, or a writer that failed.</summary>
    public abstract void Abort();
}
