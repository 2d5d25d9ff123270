using Classroom.Micro.Registry.Channels;
using Classroom.Micro.Registry.Presence;
using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.Registry.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>The gRPC face of the registry: validates, maps messages to the domain and back, and maps outcomes to status codes.</summary>
internal sealed class RegistryGrpcService(RedisRegistryStore store, IOptions<RegistryOptions> options, ILogger<RegistryGrpcService> logger) : RegistryService.RegistryServiceBase
{
    public override async Task<EdgeLease> AcquireEdgeLease(AcquireEdgeLeaseRequest request, ServerCallContext context)
    {
        RequestValidation.Require(request.EdgeId, "edge_id");
        var acquisition = await store.AcquireLeaseAsync(request.EdgeId, request.Address, context.CancellationToken, request.Stats);
        logger.EdgeLeaseAcquired(request.EdgeId, request.Address, acquisition.Lease.ExpiresAt, acquisition.RemovedSubscriptions);
        return acquisition.Lease.ToMessage();
    }

    public override async Task<EdgeLease> RenewEdgeLease(RenewEdgeLeaseRequest request, ServerCallContext context)
    {
        RequestValidation.Require(request.EdgeId, "edge_id");
        var lease = await store.RenewLeaseAsync(request.EdgeId, request.Stats)
            ?? throw new RpcException(new Status(StatusCode.NotFound,
                $"Edge '{request.EdgeId}' holds no live lease; acquire a new one and register its subscriptions again"));
        return lease.ToMessage();
    }

    public override async Task<ReleaseEdgeLeaseResponse> ReleaseEdgeLease(ReleaseEdgeLeaseRequest request, ServerCallContext context)
    {
        RequestValidation.Require(request.EdgeId, "edge_id");
        var removed = await store.ReleaseLeaseAsync(request.EdgeId, context.CancellationToken);
        logger.EdgeLeaseReleased(request.EdgeId, removed);
        return new ReleaseEdgeLeaseResponse { RemovedSubscriptions = removed };
    }

    public override async Task<ListEdgeLeasesResponse> ListEdgeLeases(ListEdgeLeasesRequest request, ServerCallContext context)
    {
        var leases = await store.ListLeasesAsync();
        return new ListEdgeLeasesResponse { Leases = { leases.Select(lease => lease.ToMessage()) } };
    }

    public override async Task<AddSubscriptionResponse> AddSubscription(AddSubscriptionRequest request, ServerCallContext context)
    {
        var subscription = request.Subscription
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "subscription is required"));
        RequestValidation.Require(subscription.ConnectionId, "subscription.connection_id");
        RequestValidation.Require(subscription.UserId, "subscription.user_id");
        RequestValidation.RequireChannel(subscription.Channel, "subscription.channel");
        RequestValidation.Require(subscription.EdgeId, "subscription.edge_id");

        var result = await store.AddSubscriptionAsync(subscription.ToDomain());
        if (result.Outcome == AddSubscriptionOutcome.NoLease)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Edge '{subscription.EdgeId}' holds no live lease; acquire one before adding subscriptions"));
        }

        return new AddSubscriptionResponse { RouteCreated = result.RouteCreated };
    }

    public override async Task<RemoveSubscriptionResponse> RemoveSubscription(RemoveSubscriptionRequest request, ServerCallContext context)
    {
        RequestValidation.Require(request.EdgeId, "edge_id");
        RequestValidation.Require(request.ConnectionId, "connection_id");
        RequestValidation.RequireChannel(request.Channel, "channel");
        var result = await store.RemoveSubscriptionAsync(request.EdgeId, request.ConnectionId, request.Channel);
        return new RemoveSubscriptionResponse { Removed = result.Removed, RouteRemoved = result.RouteRemoved };
    }

    public override async Task<RemoveConnectionResponse> RemoveConnection(RemoveConnectionRequest request, ServerCallContext context)
    {
        RequestValidation.Require(request.EdgeId, "edge_id");
        RequestValidation.Require(request.ConnectionId, "connection_id");
        var channels = await store.RemoveConnectionAsync(request.EdgeId, request.ConnectionId);
        return new RemoveConnectionResponse { Channels = { channels } };
    }

    public override async Task<ListChannelSubscriptionsResponse> ListChannelSubscriptions(ListChannelSubscriptionsRequest request, ServerCallContext context)
    {
        RequestValidation.RequireChannel(request.Channel, "channel");
        var subscriptions = await store.ListSubscriptionsAsync(request.Channel);
        var counts = PresenceCounts.Of(subscriptions);
        return new ListChannelSubscriptionsResponse
        {
            Subscriptions = { subscriptions.Select(subscription => subscription.ToMessage()) },
            NumClients = (uint)counts.Clients,
            NumUsers = (uint)counts.Users,
        };
    }

    public override async Task<ListChannelsResponse> ListChannels(ListChannelsRequest request, ServerCallContext context)
    {
        if (!ChannelPattern.TryParse(request.Pattern, out var pattern, out var problem))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"pattern {problem}"));
        }

        var listing = await store.ListChannelsAsync(pattern, context.CancellationToken);
        if (listing.LimitExceeded)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"more than {options.Value.ChannelsLimit} channels match: narrow the pattern"));
        }

        return new ListChannelsResponse
        {
            Channels = { listing.Channels.Select(channel => new ChannelSummary { Channel = channel.Channel, Subscribers = channel.Subscribers }) },
        };
    }

    public override async Task<ListConnectionsResponse> ListConnections(ListConnectionsRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.UserId) && string.IsNullOrEmpty(request.Channel))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "user_id or channel is required"));
        }

        if (!string.IsNullOrEmpty(request.Channel))
        {
            RequestValidation.RequireChannel(request.Channel, "channel");
        }

        var connections = await store.ListConnectionsAsync(request.UserId, request.Channel);
        return new ListConnectionsResponse { Connections = { connections } };
    }

    public override async Task<ListChannelRoutesResponse> ListChannelRoutes(ListChannelRoutesRequest request, ServerCallContext context)
    {
        RequestValidation.RequireChannel(request.Channel, "channel");
        var routes = await store.ListRoutesAsync(request.Channel);
        return new ListChannelRoutesResponse
        {
            Routes = { routes.Select(route => new ChannelRoute { EdgeId = route.EdgeId, Subscribers = route.Subscribers }) },
        };
    }
}
