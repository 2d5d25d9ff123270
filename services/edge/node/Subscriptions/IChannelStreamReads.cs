using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// The stream reads a channel hub makes (positions, gap fills, recoveries): the fanout pool in production, a
/// scripted stream in the hub's unit tests. Every read is paged by bytes and fails with an <c>RpcException</c>.
/// </summary>
internal interface IChannelStreamReads
{
    /// <summary>Most bytes one recovery may send a resubscribing client.</summary>
    long RecoveryMaxBytes { get; }

    /// <summary>A read gathering at most <paramref name="maxBytes"/> of publications.</summary>
    Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request, long maxBytes);

    /// <summary>A read under the edge's general byte bound (gap filling, positions).</summary>
    Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request);
}
