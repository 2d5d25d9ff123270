using System.Collections.Concurrent;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.ServiceDefaults.Routing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Classroom.Micro.Api.Upstream;

/// <summary>
/// The server API's calls to the fanout replicas discovery lists. Unlike an edge it holds no streams and no interest:
/// a publish goes to the replica ranking first for its channel (<see cref="ReplicaRendezvous"/>, the rule every edge
/// follows, so one channel's appends from the API and from clients meet on one replica), the next ranked while that one
/// is unavailable; reads, history removals and announcements go round robin. Channels are kept per address and
/// disposed with the service.
/// </summary>
internal sealed class FanoutReplicas(EndpointDiscovery replicas, CallerAssertionIssuer caller, TimeProvider time) : IDisposable
{
    /// <summary>Longest wait for a replica's publish answer (Redis timeouts and replica confirmations included).</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a replica's stream read.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(6);

    private readonly ConcurrentDictionary<Uri, GrpcChannel> _channels = new();
    private int _roundRobin;

    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellation)
    {
        var ranked = Ranked(request.Channel);
        for (var i = 0; ; i++)
        {
            try
            {
                return await Client(ranked[i]).PublishAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable && i + 1 < ranked.Count && !cancellation.IsCancellationRequested)
            {
                // Not reached at all: the next ranked replica appends in the same stream, in one order.
            }
        }
    }

    public async Task<ReadStreamResponse> ReadStreamAsync(ReadStreamRequest request, CancellationToken cancellation) =>
        await Client(Any()).ReadStreamAsync(request, deadline: Deadline(ReadTimeout), cancellationToken: cancellation);

    public async Task<RemoveHistoryResponse> RemoveHistoryAsync(RemoveHistoryRequest request, CancellationToken cancellation) =>
        await Client(Any()).RemoveHistoryAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);

    /// <summary>Hands a control command to one replica, which tells every edge.</summary>
    public async Task AnnounceAsync(AnnounceRequest request, CancellationToken cancellation) =>
        await Client(Any()).AnnounceAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    private IReadOnlyList<Uri> Known()
    {
        var endpoints = replicas.Endpoints;
        return endpoints.Count > 0 ? endpoints : throw new RpcException(new Status(StatusCode.Unavailable, "no fanout replica is known"));
    }

    private Uri Any()
    {
        var endpoints = Known();
        return endpoints[(int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)endpoints.Count)];
    }

    /// <summary>The replicas by their weight for <paramref name="channel"/>, highest first, as the edges rank them.</summary>
    private List<Uri> Ranked(string channel)
    {
        var channelHash = ReplicaRendezvous.Hash(channel);
        return [.. Known().OrderByDescending(address => ReplicaRendezvous.Weight(channelHash, ReplicaRendezvous.Hash(address.AbsoluteUri)))];
    }

    private FanoutService.FanoutServiceClient Client(Uri address) =>
        new(_channels.GetOrAdd(address, key => GrpcClientDefaults.CreateChannel(key, caller.To(InternalServices.Fanout))));

    private DateTime Deadline(TimeSpan timeout) => time.GetUtcNow().UtcDateTime + timeout;
}
