using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// ASP.NET Core SignalR's JSON hub protocol over a raw WebSocket (negotiation skipped, as the SignalR clients do with
/// WebSockets only): the handshake, <c>Join</c> and <c>Publish</c> invocations acknowledged by their completion, the
/// <c>stroke</c> invocations the hub sends, pings answered with pings. Messages end with the record separator 0x1e.
/// </summary>
internal sealed class SignalRStrokeClient(Uri address, StrokeDelivery onStroke) : StrokeClient(onStroke)
{
    private const byte RecordSeparator = 0x1e;

    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();

    private bool _handshaken;

    public override async Task JoinAsync(string classroom, CancellationToken cancellationToken)
    {
        await OpenAsync(address, handshake: true, cancellationToken);
        await SendAsync(Handshake, cancellationToken);
        await HandshakeAsync(cancellationToken);
        await RequestAsync(id => Invocation(id, "Join", "\"" + classroom + "\"", []), cancellationToken);
    }

    public override Task PublishAsync(string classroom, ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) =>
        RequestAsync(id => Invocation(id, "Publish", "\"" + classroom + "\",", stroke.Span), cancellationToken);

    protected override ReadOnlyMemory<byte> HandleMessage(ReadOnlySpan<byte> frame, long receivedAt)
    {
        var ping = false;
        while (!frame.IsEmpty)
        {
            var end = frame.IndexOf(RecordSeparator);
            if (end < 0)
            {
                throw new InvalidDataException("a hub message without its record separator");
            }

            var message = frame[..end];
            frame = frame[(end + 1)..];
            if (!_handshaken)
            {
                _handshaken = true;
                Complete(HandshakeId, message.IndexOf("\"error\""u8) >= 0 ? Encoding.UTF8.GetString(message) : null);
                continue;
            }

            if (!JsonScan.TryReadInt64(message, "\"type\":"u8, out var type))
            {
                throw new InvalidDataException("a hub message without a type");
            }

            switch (type)
            {
                case 1 when message.IndexOf("\"target\":\"stroke\""u8) >= 0:
                    if (!JsonScan.TryReadStroke(message, out var sequence, out var sentAt))
                    {
                        throw new InvalidDataException("a stroke without seq or sent");
                    }

                    Deliver((ulong)sequence + 1, sequence, sentAt, receivedAt);
                    break;
                case 3:
                    var at = message.IndexOf("\"invocationId\":\""u8);
                    if (at < 0 || !Utf8Parser.TryParse(message[(at + 16)..], out uint id, out _))
                    {
                        throw new InvalidDataException("a completion without an invocation id");
                    }

                    Complete(id, message.IndexOf("\"error\":"u8) >= 0 ? Encoding.UTF8.GetString(message) : null);
                    break;
                case 6:
                    ping = true;
                    break;
                case 7:
                    throw new InvalidDataException("the server closed the hub connection: " + Encoding.UTF8.GetString(message));
            }
        }

        return ping ? Ping : ReadOnlyMemory<byte>.Empty;
    }

    private static byte[] Invocation(uint id, string target, string leadingArguments, ReadOnlySpan<byte> lastArgument)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[{leadingArguments}"));
        var frame = new byte[head.Length + lastArgument.Length + 3];
        head.CopyTo(frame, 0);
        lastArgument.CopyTo(frame.AsSpan(head.Length));
        "]}\u001e"u8.CopyTo(frame.AsSpan(head.Length + lastArgument.Length));
        return frame;
    }
}
