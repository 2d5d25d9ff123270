using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>
/// One edge's Attach stream: a bounded queue of outgoing messages drained by a single writer. Publishers only
/// enqueue, so a slow edge never slows a publish; an edge whose queue fills is aborted instead.
/// </summary>
internal sealed class EdgeAttachment : IDisposable
{
    private readonly Channel<FanoutMessage> _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private StrongBox<Status>? _abortStatus;

    public EdgeAttachment(string edgeId, int capacity)
    {
        EdgeId = edgeId;
        Capacity = capacity;
        _outbound = Channel.CreateBounded<FanoutMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The edge node's id from its hello.</summary>
    public string EdgeId { get; }

    /// <summary>The edge reads several deliveries in one message (it said so in its hello).</summary>
    public bool AcceptsDeliveryBatches { get; init; }

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; }

    /// <summary>The queue, read by the stream's writer loop.</summary>
    public ChannelReader<FanoutMessage> Outbound => _outbound.Reader;

    /// <summary>Cancelled once the attachment was aborted (too slow, replaced, write failure).</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Why the stream must end, once <see cref="Aborted"/> fired.</summary>
    public Status? AbortStatus => Volatile.Read(ref _abortStatus)?.Value;

    /// <summary>Queues <paramref name="message"/>; a full queue aborts the attachment with ResourceExhausted.</summary>
    public bool TryEnqueue(FanoutMessage message)
    {
        if (_outbound.Writer.TryWrite(message))
        {
            return true;
        }

        Abort(new Status(StatusCode.ResourceExhausted, $"edge {EdgeId} did not keep up: {Capacity} messages queued"));
        return false;
    }

    /// <summary>Ends the stream with <paramref name="status"/>; the first reason wins.</summary>
    public void Abort(Status status)
    {
        if (Interlocked.CompareExchange(ref _abortStatus, new StrongBox<Status>(status), null) is not null)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        // Aborts come from publish paths; cancellation callbacks (the stream's readers) must not run on them.
        _ = CancelQuietlyAsync();
    }

    /// <inheritdoc />
    public void Dispose() => _aborted.Dispose();

    private async Task CancelQuietlyAsync()
    {
        try
        {
            await _aborted.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended; nobody is waiting for the signal any more.
        }
    }
}
