using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// Classroom.Micro's client: the Centrifugo bidirectional JSON protocol (connect, subscribe to <c>classroom:&lt;id&gt;</c>,
/// publish; <c>pub</c> pushes carry the stream offset, which orders them; <c>{}</c> pings are answered with <c>{}</c>).
/// </summary>
internal sealed class CentrifugoStrokeClient(Uri address, string token, StrokeDelivery onStroke) : StrokeClient(onStroke)
{
    public override async Task JoinAsync(string classroom, CancellationToken cancellationToken)
    {
        await OpenAsync(address, handshake: false, cancellationToken);
        await RequestAsync(id => CommandFrames.Connect(id, token, "classroom-micro-bench"), cancellationToken);
        await RequestAsync(id => CommandFrames.Subscribe(id, "classroom:" + classroom), cancellationToken);
    }

    public override Task PublishAsync(string classroom, ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) =>
        RequestAsync(id => CommandFrames.Publish(id, "classroom:" + classroom, stroke.Span), cancellationToken);

    protected override ReadOnlyMemory<byte> HandleFrame(ReadOnlySpan<byte> frame, long receivedAt)
    {
        var ping = false;
        while (!frame.IsEmpty)
        {
            var end = frame.IndexOf((byte)'\n');
            var line = (end < 0 ? frame : frame[..end]).Trim(" \r\t"u8);
            frame = end < 0 ? [] : frame[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.SequenceEqual("{}"u8))
            {
                ping = true;
            }
            else if (line.IndexOf("\"push\":"u8) >= 0)
            {
                if (line.IndexOf("\"pub\":"u8) >= 0)
                {
                    if (!JsonScan.TryReadStroke(line, out var sequence, out var sentAt) || !JsonScan.TryReadLastUInt64(line, "\"offset\":"u8, out var offset))
                    {
                        throw new InvalidDataException("a pub push without seq, sent or offset");
                    }

                    Deliver(offset, sequence, sentAt, receivedAt);
                }
            }
            else if (JsonScan.TryReadInt64(line, "\"id\":"u8, out var id))
            {
                Complete((uint)id, line.IndexOf("\"error\":"u8) >= 0 ? System.Text.Encoding.UTF8.GetString(line) : null);
            }
            else if (line[0] != (byte)'{')
            {
                throw new InvalidDataException("a frame that is not the protocol's JSON");
            }
        }

        return ping ? CommandFrames.Pong : ReadOnlyMemory<byte>.Empty;
    }
}
