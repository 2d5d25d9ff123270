using Classroom.Micro.Api.V1;
using Classroom.Micro.Registry.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// What is live across the cluster, from the registry: the edge nodes holding a lease with the numbers each reported
/// with its last heartbeat (<c>info</c>), the channels with subscribers (<c>channels</c>) and the connections of a user
/// or channel (<c>connections</c>).
/// </summary>
internal sealed class ServerDirectory(
    RegistryService.RegistryServiceClient registry,
    TimeProvider time,
    ILogger<ServerDirectory> logger)
{
    /// <summary>A channels listing SCANs every Redis primary: longer than the default upstream deadline of commands.</summary>
    private static readonly TimeSpan ListChannelsTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every edge node holding a lease, by id, with its connection and subscription counts.</summary>
    public async Task<ApiOutcome<InfoResult>> InfoAsync(CancellationToken cancellation)
    {
        ListEdgeLeasesResponse leases;
        try
        {
            leases = await registry.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: cancellation);
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, "info", exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = new InfoResult();
        result.Nodes.AddRange(leases.Leases
            .OrderBy(lease => lease.EdgeId, StringComparer.Ordinal)
            .Select(lease => Node(lease, lease.Stats, now)));
        return result;
    }

    /// <summary>The channels with at least one subscriber on any edge, matching <c>pattern</c> when one is given.</summary>
    public async Task<ApiOutcome<ChannelsResult>> ChannelsAsync(ChannelsRequest request, CancellationToken cancellation)
    {
        ListChannelsResponse listed;
        try
        {
            listed = await registry.ListChannelsAsync(new ListChannelsRequest { Pattern = request.Pattern }, deadline: time.GetUtcNow().UtcDateTime + ListChannelsTimeout, cancellationToken: cancellation);
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            // A malformed pattern comes back as INVALID_ARGUMENT naming the problem, hence 107; a pattern matching more
            // channels than the registry lists as FAILED_PRECONDITION saying so, hence 106.
            ServerApiLog.UpstreamFailed(logger, exception, "channels", exception.StatusCode);
            return exception.StatusCode == StatusCode.FailedPrecondition
                ? ApiErrors.LimitExceeded(exception.Status.Detail)
                : ApiErrors.FromUpstream(exception);
        }

        var result = new ChannelsResult();
        foreach (var channel in listed.Channels)
        {
            result.Channels[channel.Channel] = new ChannelInfo { NumClients = (uint)Math.Max(0, channel.Subscribers) };
        }

        return result;
    }

    /// <summary>
    /// The connections of <c>user</c> on every edge, or those subscribed to <c>channel</c>, or both at once, by client id.
    /// A connection is recorded with its first subscription, so one holding none is not listed.
    /// </summary>
    public async Task<ApiOutcome<ConnectionsResult>> ConnectionsAsync(ConnectionsRequest request, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(request.User) && string.IsNullOrEmpty(request.Channel))
        {
            return ApiErrors.BadRequest("user or channel is required");
        }

        if (request.Channel.Length > 0 && ServerChannels.Check(request.Channel) is { } invalid)
        {
            return invalid;
        }

        ListConnectionsResponse listed;
        try
        {
            listed = await registry.ListConnectionsAsync(new ListConnectionsRequest { UserId = request.User, Channel = request.Channel }, cancellationToken: cancellation);
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, "connections", exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }

        var result = new ConnectionsResult();
        foreach (var connection in listed.Connections)
        {
            result.Connections[connection.ConnectionId] = new ClientConnection
            {
                Client = connection.ConnectionId,
                User = connection.UserId,
                Edge = connection.EdgeId,
                ConnectedAtUnixMs = connection.ConnectedAtUnixMs,
                ConnInfo = string.IsNullOrEmpty(connection.ConnInfoJson) ? ByteString.Empty : ByteString.CopyFromUtf8(connection.ConnInfoJson),
            };
        }

        return result;
    }

    /// <summary>An edge that reported no numbers yet (an older build, or its first heartbeat still under way) shows zeros.</summary>
    private static NodeInfo Node(EdgeLease lease, EdgeStats? stats, long nowUnixMs)
    {
        var node = new NodeInfo { Uid = lease.EdgeId, Name = lease.EdgeId, LeaseExpiresAtUnixMs = lease.ExpiresAtUnixMs };
        if (stats is null)
        {
            return node;
        }

        node.Name = string.IsNullOrEmpty(stats.Name) ? lease.EdgeId : stats.Name;
        node.Version = stats.Version;
        node.NumClients = stats.NumClients;
        node.NumUsers = stats.NumUsers;
        node.NumChannels = stats.NumChannels;
        node.NumSubs = stats.NumSubs;
        node.Uptime = stats.StartedAtUnixMs > 0 ? (uint)Math.Clamp((nowUnixMs - stats.StartedAtUnixMs) / 1000, 0, uint.MaxValue) : 0;
        return node;
    }
}
