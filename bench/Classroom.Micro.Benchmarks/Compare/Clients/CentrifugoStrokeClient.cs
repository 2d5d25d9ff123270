using System.Text.Json;
using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>
/// Classroom.Micro's client: the Centrifugo bidirectional JSON protocol (connect, subscribe to <c>classroom:&lt;id&gt;</c>,
/// publish; <c>pub</c> pushes carry the stream offset, which orders them; <c>{}</c> pings are answered with <c>{}</c>).
/// It keeps its stream position, so a member whose edge died can join again with <paramref name="resumeFrom"/> and
/// get what it missed in the subscribe reply, as the SDK's recovery does.
/// </summary>
internal sealed class CentrifugoStrokeClient(Uri address, string token, StrokeDelivery onStroke, ResumePosition? resumeFrom = null) : StrokeClient(onStroke)
{
    private ulong _lastOffset;
    private string? _epoch;
    private bool _recovered;

    /// <summary>The stream position to recover from after a loss; null before the subscribe was answered.</summary>
    public ResumePosition? Position => Volatile.Read(ref _epoch) is { } epoch ? new ResumePosition(Volatile.Read(ref _lastOffset), epoch) : null;

    /// <summary>True when the subscribe of a resumed join answered <c>recovered: true</c>.</summary>
    public bool Recovered => Volatile.Read(ref _recovered);

    public override async Task JoinAsync(string classroom, CancellationToken cancellationToken)
    {
        var channel = "classroom:" + classroom;
        await OpenAsync(address, handshake: false, cancellationToken);
        await RequestAsync(id => CommandFrames.Connect(id, token, "classroom-micro-bench"), cancellationToken);
        await RequestAsync(id => resumeFrom is { } from ? CommandFrames.SubscribeRecovering(id, channel, from.Offset, from.Epoch) : CommandFrames.Subscribe(id, channel), cancellationToken);
    }

    public override Task PublishAsync(string classroom, ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) =>
        RequestAsync(id => CommandFrames.Publish(id, "classroom:" + classroom, stroke.Span), cancellationToken);

    protected override ReadOnlyMemory<byte> HandleMessage(ReadOnlySpan<byte> frame, long receivedAt)
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

                    DeliverAt(offset, sequence, sentAt, receivedAt);
                }
            }
            else if (JsonScan.TryReadInt64(line, "\"id\":"u8, out var id))
            {
                var failed = line.IndexOf("\"error\":"u8) >= 0;
                if (!failed && line.IndexOf("\"subscribe\":"u8) >= 0)
                {
                    ReadSubscribeReply(line, receivedAt);
                }

                Complete((uint)id, failed ? System.Text.Encoding.UTF8.GetString(line) : null);
            }
            else if (line[0] != (byte)'{')
            {
                throw new InvalidDataException("a frame that is not the protocol's JSON");
            }
        }

        return ping ? CommandFrames.Pong : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>
    /// The stream's epoch and top, and on a recovering subscribe the publications it missed, in offset order: read
    /// once per join with a JSON reader (only pushes, which come per delivery, are scanned without parsing).
    /// </summary>
    private void ReadSubscribeReply(ReadOnlySpan<byte> line, long receivedAt)
    {
        using var reply = JsonDocument.Parse(line.ToArray());
        var result = reply.RootElement.GetProperty("subscribe");
        if (result.TryGetProperty("offset", out var top) && Volatile.Read(ref _lastOffset) == 0)
        {
            Volatile.Write(ref _lastOffset, top.GetUInt64());
        }

        if (result.TryGetProperty("publications", out var missed))
        {
            foreach (var publication in missed.EnumerateArray())
            {
                var data = publication.GetProperty("data");
                DeliverAt(publication.GetProperty("offset").GetUInt64(), data.GetProperty("seq").GetInt64(), data.GetProperty("sent").GetInt64(), receivedAt);
            }
        }

        Volatile.Write(ref _recovered, result.TryGetProperty("recovered", out var recovered) && recovered.GetBoolean());
        Volatile.Write(ref _epoch, result.TryGetProperty("epoch", out var epoch) ? epoch.GetString() ?? string.Empty : string.Empty);
    }

    private void DeliverAt(ulong offset, long sequence, long sentAt, long receivedAt)
    {
        Volatile.Write(ref _lastOffset, offset);
        Deliver(offset, sequence, sentAt, receivedAt);
    }
}
