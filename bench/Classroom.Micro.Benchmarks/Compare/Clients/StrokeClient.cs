using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// One classroom member's connection to a compared system over a raw WebSocket (<see cref="RequestSocket"/>: the
/// receive loop, requests matched to their acknowledgements, lost-connection bookkeeping); each protocol says how to
/// frame a join and a publish and how to read what arrives. Strokes go to a <see cref="StrokeDelivery"/>.
/// </summary>
internal abstract class StrokeClient : RequestSocket
{
    private readonly StrokeDelivery _onStroke;

    protected StrokeClient(StrokeDelivery onStroke)
    {
        _onStroke = onStroke;
    }

    /// <summary>Opens the socket, then does the protocol's handshake and joins <paramref name="classroom"/>.</summary>
    public abstract Task JoinAsync(string classroom, CancellationToken cancellationToken);

    /// <summary>Publishes one stroke (one JSON value) to <paramref name="classroom"/>; completes when the server acknowledged it.</summary>
    public abstract Task PublishAsync(string classroom, ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken);

    protected void Deliver(ulong order, long sequence, long sentAt, long receivedAt) => _onStroke(order, sequence, sentAt, receivedAt);

    protected sealed override ReadOnlyMemory<byte> HandleFrame(ReadOnlyMemory<byte> frame, long receivedAt) => HandleMessage(frame.Span, receivedAt);

    /// <summary>Handles one whole WebSocket message; returns what must be sent back (a pong), or empty.</summary>
    protected abstract ReadOnlyMemory<byte> HandleMessage(ReadOnlySpan<byte> frame, long receivedAt);
}
