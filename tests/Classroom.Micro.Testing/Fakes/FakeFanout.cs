using System.Collections.Concurrent;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Classroom.Micro.Testing.Fakes;

/// <summary>
/// A fanout replica that records what it is asked (serve it with <see cref="FakeUpstream"/>): publishes get
/// consecutive offsets in epoch <see cref="Epoch"/>; every channel's stream holds the same two publications
/// (<see cref="Stored"/>); announcements are kept; Attach streams acknowledge interest and keep the channels an edge
/// declared, as a real replica does, until the stream ends.
/// </summary>
public sealed class FakeFanout : FanoutService.FanoutServiceBase
{
    public const string Epoch = "fake-epoch";

    private readonly ConcurrentQueue<PublishRequest> _publishes = new();
    private readonly ConcurrentQueue<ReadStreamRequest> _reads = new();
    private readonly ConcurrentQueue<AnnounceRequest> _announcements = new();
    private readonly ConcurrentDictionary<string, StatusCode> _failing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _removedHistories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _interest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unrecoverable = new(StringComparer.Ordinal);
    private long _offset;
    private int _openStreams;

    /// <summary>The stored publications: offset 2 with a publisher, offset 3 from the server (no info).</summary>
    public static IReadOnlyList<Publication> Stored { get; } =
    [
        new Publication
        {
            Offset = 2,
            Data = ByteString.CopyFromUtf8("""{"n":2}"""),
            Info = new ClientInfo { User = "teacher-1", Client = "client-1", ConnInfo = ByteString.CopyFromUtf8("""{"seat":1}""") },
        },
        new Publication { Offset = 3, Data = ByteString.CopyFromUtf8("""{"n":3}""") },
    ];

    public IReadOnlyCollection<PublishRequest> Publishes => _publishes;

    public IReadOnlyCollection<ReadStreamRequest> Reads => _reads;

    public IReadOnlyCollection<AnnounceRequest> Announcements => _announcements;

    /// <summary>Channels whose history was removed: their streams read empty, at the same position.</summary>
    public IReadOnlyCollection<string> RemovedHistories => (IReadOnlyCollection<string>)_removedHistories.Keys;

    /// <summary>Attach streams open right now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Channels the attached edge declared interest in (and did not withdraw).</summary>
    public IReadOnlyCollection<string> Interest => (IReadOnlyCollection<string>)_interest.Keys;

    /// <summary>
    /// Publishes, reads and removals on <paramref name="key"/> (a channel, or <c>user:&lt;id&gt;</c> for an
    /// announced disconnect or subscribe of that user) fail with <paramref name="status"/>.
    /// </summary>
    public void Fail(string key, StatusCode status) => _failing[key] = status;

    /// <summary>Every read on <paramref name="channel"/> answers that the caller's position cannot be continued from.</summary>
    public void MarkUnrecoverable(string channel) => _unrecoverable[channel] = true;

    public override Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context)
    {
        ThrowIfFailing(request.Channel);
        _publishes.Enqueue(request);
        return Task.FromResult(new PublishResponse { Offset = (ulong)Interlocked.Increment(ref _offset), Epoch = Epoch });
    }

    /// <summary>
    /// The stream at offset 3, first retained 2 (0 once removed). Unrecoverable, as fanout answers it, for another
    /// epoch and for an oldest-first continuation from a position whose next publications are gone.
    /// </summary>
    public override Task<ReadStreamResponse> ReadStream(ReadStreamRequest request, ServerCallContext context)
    {
        ThrowIfFailing(request.Channel);
        _reads.Enqueue(request);
        var removed = _removedHistories.ContainsKey(request.Channel);
        var firstRetained = removed ? 0UL : Stored[0].Offset;
        var response = new ReadStreamResponse
        {
            Position = new StreamPosition { Offset = Stored[^1].Offset, Epoch = Epoch },
            FirstRetainedOffset = firstRetained,
            Unrecoverable = _unrecoverable.ContainsKey(request.Channel)
                || (request.SinceEpoch.Length > 0 && request.SinceEpoch != Epoch)
                || (request is { SinceOffset: > 0, Reverse: false, Limit: not 0 } && request.SinceOffset < Stored[^1].Offset && (firstRetained == 0 || firstRetained > request.SinceOffset + 1)),
        };
        if (request.Limit != 0 && !removed)
        {
            response.Publications.AddRange(Stored);
        }

        return Task.FromResult(response);
    }

    public override Task<RemoveHistoryResponse> RemoveHistory(RemoveHistoryRequest request, ServerCallContext context)
    {
        ThrowIfFailing(request.Channel);
        _removedHistories[request.Channel] = true;
        return Task.FromResult(new RemoveHistoryResponse { Position = new StreamPosition { Offset = Stored[^1].Offset, Epoch = Epoch } });
    }

    public override Task<AnnounceResponse> Announce(AnnounceRequest request, ServerCallContext context)
    {
        if (request.Control?.Disconnect is { } disconnect)
        {
            ThrowIfFailing("user:" + disconnect.User);
        }

        if (request.Control?.Subscribe is { } subscribe)
        {
            ThrowIfFailing("user:" + subscribe.User);
        }

        _announcements.Enqueue(request);
        return Task.FromResult(new AnnounceResponse { Edges = 1 });
    }

    /// <summary>Acknowledges and keeps every interest change until the edge hangs up.</summary>
    public override async Task Attach(IAsyncStreamReader<EdgeMessage> requestStream, IServerStreamWriter<FanoutMessage> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref _openStreams);
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var message = requestStream.Current;
                var interest = message.Subscribe ?? message.Unsubscribe;
                if (interest is null)
                {
                    continue;
                }

                foreach (var channel in interest.Channels)
                {
                    if (message.Subscribe is not null)
                    {
                        _interest[channel] = true;
                    }
                    else
                    {
                        _interest.TryRemove(channel, out _);
                    }
                }

                await responseStream.WriteAsync(new FanoutMessage { InterestAck = new InterestAck { RequestId = interest.RequestId } }, context.CancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException || context.CancellationToken.IsCancellationRequested)
        {
            // The edge closed the stream.
        }
        finally
        {
            // A new stream declares the whole set again, as a real replica forgets an edge that detached.
            _interest.Clear();
            Interlocked.Decrement(ref _openStreams);
        }
    }

    private void ThrowIfFailing(string key)
    {
        if (_failing.TryGetValue(key, out var status))
        {
            throw new RpcException(new Status(status, "injected failure"));
        }
    }
}
