using System.Collections.Concurrent;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>
/// A fanout replica that records what the edge asks of it: publishes get consecutive offsets in epoch
/// <see cref="Epoch"/>, every channel's stream holds the same two publications, announcements are kept.
/// </summary>
internal sealed class FakeFanout : FanoutService.FanoutServiceBase
{
    public const string Epoch = "fake-epoch";

    private readonly ConcurrentQueue<PublishRequest> _publishes = new();
    private readonly ConcurrentQueue<ReadStreamRequest> _reads = new();
    private readonly ConcurrentQueue<AnnounceRequest> _announcements = new();
    private readonly ConcurrentDictionary<string, StatusCode> _failingChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _removedHistories = new(StringComparer.Ordinal);
    private long _offset;

    public IReadOnlyCollection<PublishRequest> Publishes => _publishes;

    public IReadOnlyCollection<ReadStreamRequest> Reads => _reads;

    public IReadOnlyCollection<AnnounceRequest> Announcements => _announcements;

    /// <summary>Channels whose history was removed: their streams read empty, at the same position.</summary>
    public IReadOnlyCollection<string> RemovedHistories => (IReadOnlyCollection<string>)_removedHistories.Keys;

    /// <summary>Publishes and reads on <paramref name="channel"/> fail with <paramref name="status"/>.</summary>
    public void Fail(string channel, StatusCode status) => _failingChannels[channel] = status;

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

    public override Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context)
    {
        ThrowIfFailing(request.Channel);
        _publishes.Enqueue(request);
        return Task.FromResult(new PublishResponse { Offset = (ulong)Interlocked.Increment(ref _offset), Epoch = Epoch });
    }

    public override Task<ReadStreamResponse> ReadStream(ReadStreamRequest request, ServerCallContext context)
    {
        ThrowIfFailing(request.Channel);
        _reads.Enqueue(request);
        var removed = _removedHistories.ContainsKey(request.Channel);
        var response = new ReadStreamResponse { Position = new StreamPosition { Offset = 3, Epoch = Epoch }, FirstRetainedOffset = removed ? 0UL : 2UL };
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
        return Task.FromResult(new RemoveHistoryResponse { Position = new StreamPosition { Offset = 3, Epoch = Epoch } });
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

    /// <summary>Acknowledges every interest change until the edge hangs up.</summary>
    public override async Task Attach(IAsyncStreamReader<EdgeMessage> requestStream, IServerStreamWriter<FanoutMessage> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var interest = requestStream.Current.Subscribe ?? requestStream.Current.Unsubscribe;
            if (interest is not null)
            {
                await responseStream.WriteAsync(new FanoutMessage { InterestAck = new InterestAck { RequestId = interest.RequestId } }, context.CancellationToken);
            }
        }
    }

    private void ThrowIfFailing(string key)
    {
        if (_failingChannels.TryGetValue(key, out var status))
        {
            throw new RpcException(new Status(status, "injected failure"));
        }
    }
}
