using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// Socket.IO 4 over engine.io 4's raw WebSocket transport: the open packet <c>0{…}</c> answered with a namespace
/// connect <c>40</c>, pings <c>2</c> answered with <c>3</c>, <c>join</c> and <c>stroke</c> events sent with an ack id
/// (<c>42&lt;id&gt;[…]</c>, acknowledged by <c>43&lt;id&gt;[…]</c>), <c>42["stroke",…]</c> events received.
/// </summary>
internal sealed class SocketIoStrokeClient(Uri address, StrokeDelivery onStroke) : StrokeClient(onStroke)
{
    private static readonly byte[] NamespaceConnect = "40"u8.ToArray();
    private static readonly byte[] Pong = "3"u8.ToArray();

    public override async Task JoinAsync(string classroom, CancellationToken cancellationToken)
    {
        await OpenAsync(address, handshake: true, cancellationToken);
        await HandshakeAsync(cancellationToken);
        await RequestAsync(id => Event(id, "[\"join\",\"" + classroom + "\"", []), cancellationToken);
    }

    public override Task PublishAsync(string classroom, ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) =>
        RequestAsync(id => Event(id, "[\"stroke\",\"" + classroom + "\",", stroke.Span), cancellationToken);

    protected override ReadOnlyMemory<byte> HandleMessage(ReadOnlySpan<byte> frame, long receivedAt)
    {
        if (frame.IsEmpty)
        {
            throw new InvalidDataException("an empty engine.io packet");
        }

        switch (frame[0])
        {
            case (byte)'0':
                return NamespaceConnect;
            case (byte)'2':
                return Pong;
            case (byte)'1':
                throw new InvalidDataException("the server closed the engine.io session");
            case (byte)'4' when frame.Length > 1:
                HandleSocketIoPacket(frame[1..], receivedAt);
                return ReadOnlyMemory<byte>.Empty;
            default:
                throw new InvalidDataException("an engine.io packet this client does not expect: " + Encoding.UTF8.GetString(frame));
        }
    }

    private void HandleSocketIoPacket(ReadOnlySpan<byte> packet, long receivedAt)
    {
        switch (packet[0])
        {
            case (byte)'0':
                Complete(HandshakeId);
                break;
            case (byte)'4':
                Complete(HandshakeId, "namespace connect refused: " + Encoding.UTF8.GetString(packet));
                break;
            case (byte)'2' when packet[1..].StartsWith("[\"stroke\","u8):
                if (!JsonScan.TryReadStroke(packet, out var sequence, out var sentAt))
                {
                    throw new InvalidDataException("a stroke without seq or sent");
                }

                Deliver((ulong)sequence + 1, sequence, sentAt, receivedAt);
                break;
            case (byte)'3':
                if (!Utf8Parser.TryParse(packet[1..], out uint id, out _))
                {
                    throw new InvalidDataException("an ack without an id");
                }

                Complete(id);
                break;
        }
    }

    private static byte[] Event(uint id, string head, ReadOnlySpan<byte> lastArgument)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"42{id}{head}"));
        var frame = new byte[prefix.Length + lastArgument.Length + 1];
        prefix.CopyTo(frame, 0);
        lastArgument.CopyTo(frame.AsSpan(prefix.Length));
        frame[^1] = (byte)']';
        return frame;
    }
}
