using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>A hub's stream reads through the fanout replicas, paged by <see cref="StreamPager"/>.</summary>
internal sealed class FanoutStreamReads(FanoutPool fanout) : IChannelStreamReads
{
    public long RecoveryMaxBytes => fanout.Reads.RecoveryMaxBytes;

    public Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request, long maxBytes) =>
        fanout.ReadStreamAsync(request, maxBytes, CancellationToken.None);

    public Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request) =>
        fanout.ReadStreamAsync(request, CancellationToken.None);
}
