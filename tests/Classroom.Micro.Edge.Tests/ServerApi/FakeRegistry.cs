using System.Collections.Concurrent;
using Classroom.Micro.Registry.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Tests.ServerApi;

/// <summary>A registry that grants every lease and lists the subscriptions a test put on a channel.</summary>
internal sealed class FakeRegistry : RegistryService.RegistryServiceBase
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, EdgeLease> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Subscription[]> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="channel"/> list <paramref name="subscriptions"/>.</summary>
    public void Seed(string channel, params Subscription[] subscriptions) => _subscriptions[channel] = subscriptions;

    public override Task<EdgeLease> AcquireEdgeLease(AcquireEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(_leases[request.EdgeId] = Lease(request.EdgeId));

    public override Task<EdgeLease> RenewEdgeLease(RenewEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(_leases[request.EdgeId] = Lease(request.EdgeId));

    public override Task<ReleaseEdgeLeaseResponse> ReleaseEdgeLease(ReleaseEdgeLeaseRequest request, ServerCallContext context)
    {
        _leases.TryRemove(request.EdgeId, out _);
        return Task.FromResult(new ReleaseEdgeLeaseResponse());
    }

    public override Task<ListEdgeLeasesResponse> ListEdgeLeases(ListEdgeLeasesRequest request, ServerCallContext context)
    {
        var response = new ListEdgeLeasesResponse();
        response.Leases.AddRange(_leases.Values);
        return Task.FromResult(response);
    }

    public override Task<ListChannelSubscriptionsResponse> ListChannelSubscriptions(ListChannelSubscriptionsRequest request, ServerCallContext context)
    {
        var response = new ListChannelSubscriptionsResponse();
        response.Subscriptions.AddRange(_subscriptions.GetValueOrDefault(request.Channel, []));
        return Task.FromResult(response);
    }

    private static EdgeLease Lease(string edgeId) => new()
    {
        EdgeId = edgeId,
        TtlMs = (long)LeaseTtl.TotalMilliseconds,
        ExpiresAtUnixMs = DateTimeOffset.UtcNow.Add(LeaseTtl).ToUnixTimeMilliseconds(),
    };
}
