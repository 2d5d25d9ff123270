using System.Collections.Concurrent;
using Classroom.Micro.Registry.V1;
using Grpc.Core;

namespace Classroom.Micro.Testing.Fakes;

/// <summary>
/// A registry (serve it with <see cref="FakeUpstream"/>) that grants every lease for 30 s (keeping the stats each
/// edge reports), lists the subscriptions a test put on a channel, and lists the channels a test declared active.
/// </summary>
public sealed class FakeRegistry : RegistryService.RegistryServiceBase
{
    /// <summary>A pattern refused as the real registry refuses one matching more channels than it lists.</summary>
    public const string OverLimitPattern = "over-limit:*";

    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, EdgeLease> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Subscription[]> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ListChannelsRequest> _channelListings = new();
    private readonly ConcurrentDictionary<string, Connection[]> _userConnections = new(StringComparer.Ordinal);

    /// <summary>The stats each edge sent with its last acquire or renewal.</summary>
    public ConcurrentDictionary<string, EdgeStats> ReportedStats { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ListChannelsRequest> ChannelListings => _channelListings;

    /// <summary>Makes another edge hold a lease, having reported <paramref name="stats"/>.</summary>
    public void SeedEdge(string edgeId, EdgeStats stats)
    {
        var lease = Lease(edgeId);
        lease.Stats = stats;
        _leases[edgeId] = lease;
    }

    /// <summary>Makes <paramref name="channel"/> listed as active with <paramref name="subscribers"/> subscribers.</summary>
    public void SeedChannel(string channel, int subscribers) => _channels[channel] = subscribers;

    /// <summary>Makes <paramref name="channel"/> list <paramref name="subscriptions"/>.</summary>
    public void Seed(string channel, params Subscription[] subscriptions) => _subscriptions[channel] = subscriptions;

    /// <summary>Makes <paramref name="userId"/>'s connections list as <paramref name="connections"/>.</summary>
    public void SeedConnections(string userId, params Connection[] connections) => _userConnections[userId] = connections;

    /// <summary>
    /// A user's seeded connections (of those on the channel when one is given), or a channel's seeded subscriptions as
    /// connections; neither filter is refused as the real registry refuses it.
    /// </summary>
    public override Task<ListConnectionsResponse> ListConnections(ListConnectionsRequest request, ServerCallContext context)
    {
        if (request.UserId.Length == 0 && request.Channel.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "user_id or channel is required"));
        }

        var onChannel = _subscriptions.GetValueOrDefault(request.Channel, [])
            .Select(subscription => new Connection { ConnectionId = subscription.ConnectionId, UserId = subscription.UserId, EdgeId = subscription.EdgeId, ConnInfoJson = subscription.ConnInfoJson })
            .ToList();
        var listed = request.UserId.Length == 0
            ? onChannel
            : _userConnections.GetValueOrDefault(request.UserId, [])
                .Where(connection => request.Channel.Length == 0 || onChannel.Any(subscribed => subscribed.ConnectionId == connection.ConnectionId));
        var response = new ListConnectionsResponse();
        response.Connections.AddRange(listed);
        return Task.FromResult(response);
    }

    public override Task<EdgeLease> AcquireEdgeLease(AcquireEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(_leases[request.EdgeId] = Lease(request.EdgeId, request.Stats));

    public override Task<EdgeLease> RenewEdgeLease(RenewEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(_leases[request.EdgeId] = Lease(request.EdgeId, request.Stats));

    /// <summary>
    /// Lists the seeded channels; a pattern of <c>[</c> is refused as the real registry refuses a malformed one, and
    /// <see cref="OverLimitPattern"/> as it refuses one matching too many channels.
    /// </summary>
    public override Task<ListChannelsResponse> ListChannels(ListChannelsRequest request, ServerCallContext context)
    {
        _channelListings.Enqueue(request);
        if (request.Pattern == "[")
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "pattern has a '[' without its ']'"));
        }

        if (request.Pattern == OverLimitPattern)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "more than 10000 channels match: narrow the pattern"));
        }

        var response = new ListChannelsResponse();
        response.Channels.AddRange(_channels
            .Where(channel => request.Pattern.Length == 0 || channel.Key.StartsWith(request.Pattern.TrimEnd('*'), StringComparison.Ordinal))
            .OrderBy(channel => channel.Key, StringComparer.Ordinal)
            .Select(channel => new ChannelSummary { Channel = channel.Key, Subscribers = channel.Value }));
        return Task.FromResult(response);
    }

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
        var subscriptions = _subscriptions.GetValueOrDefault(request.Channel, []);
        var response = new ListChannelSubscriptionsResponse
        {
            NumClients = (uint)subscriptions.Select(subscription => subscription.ConnectionId).Distinct(StringComparer.Ordinal).Count(),
            NumUsers = (uint)subscriptions.Select(subscription => subscription.UserId).Distinct(StringComparer.Ordinal).Count(),
        };
        response.Subscriptions.AddRange(subscriptions);
        return Task.FromResult(response);
    }

    private EdgeLease Lease(string edgeId, EdgeStats? stats = null)
    {
        if (stats is not null)
        {
            ReportedStats[edgeId] = stats;
        }

        return new EdgeLease
        {
            EdgeId = edgeId,
            TtlMs = (long)LeaseTtl.TotalMilliseconds,
            ExpiresAtUnixMs = DateTimeOffset.UtcNow.Add(LeaseTtl).ToUnixTimeMilliseconds(),
            Stats = stats,
        };
    }
}
