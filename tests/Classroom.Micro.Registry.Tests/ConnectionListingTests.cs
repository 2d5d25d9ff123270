using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The server API's <c>connections</c>: a user's connections on every edge, from the per-user index kept with the edge's.</summary>
public sealed class ConnectionListingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_users_connections_on_every_edge_are_listed_once_each_with_edge_connected_at_and_conn_info()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:2", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-2", "personal:#ada", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-3", "classroom:1", userId: "bob")).WithTimeout();

        var connections = await store.ListConnectionsAsync("ada", channel: "").WithTimeout();

        Assert.Equal([("conn-1", "ada", "edge-a"), ("conn-2", "ada", "edge-b")], connections.Select(c => (c.ConnectionId, c.UserId, c.EdgeId)));
        Assert.All(connections, connection =>
        {
            Assert.Equal(1_700_000_000_000, connection.ConnectedAtUnixMs);
            Assert.Equal("""{"seat":3}""", connection.ConnInfoJson);
            Assert.Equal(("student", "Ada"), (connection.Role, connection.Name));
        });
        Assert.Empty(await store.ListConnectionsAsync("nobody", channel: "").WithTimeout());
    }

    [Fact]
    public async Task A_channel_filter_lists_the_connections_subscribed_to_it_of_the_user_when_one_is_given()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:2", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-3", "classroom:1", userId: "bob")).WithTimeout();

        var onChannel = await store.ListConnectionsAsync(userId: "", "classroom:1").WithTimeout();
        var both = await store.ListConnectionsAsync("ada", "classroom:1").WithTimeout();

        Assert.Equal(["conn-1", "conn-3"], onChannel.Select(connection => connection.ConnectionId));
        Assert.Equal(["conn-1"], both.Select(connection => connection.ConnectionId));
    }

    [Fact]
    public async Task A_connection_leaves_the_listing_with_its_last_subscription_and_with_its_removal()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:2", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:1", userId: "ada")).WithTimeout();

        await store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:1").WithTimeout();
        var afterOne = await store.ListConnectionsAsync("ada", channel: "").WithTimeout();
        await store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:2").WithTimeout();
        var afterLast = await store.ListConnectionsAsync("ada", channel: "").WithTimeout();
        await store.RemoveConnectionAsync("edge-a", "conn-2").WithTimeout();

        Assert.Equal(["conn-1", "conn-2"], afterOne.Select(connection => connection.ConnectionId));
        Assert.Equal(["conn-2"], afterLast.Select(connection => connection.ConnectionId));
        Assert.Empty(await store.ListConnectionsAsync("ada", channel: "").WithTimeout());
        Assert.Empty(await IndexKeysAsync());
    }

    [Fact]
    public async Task Connections_of_an_edge_whose_lease_lapsed_are_not_listed_and_the_sweeper_removes_their_index()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1", userId: "ada")).WithTimeout();
        _time.Advance(LeaseTtl + TimeSpan.FromSeconds(1));

        var lapsed = await store.ListConnectionsAsync("ada", channel: "").WithTimeout();
        Assert.NotEmpty(await IndexKeysAsync());
        await Sweeper(store, _time).SweepOnceAsync(Cancellation).WithTimeout();

        Assert.Empty(lapsed);
        Assert.Empty(await IndexKeysAsync());
    }

    [Fact]
    public async Task A_released_lease_takes_its_connections_out_of_the_listing()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1", userId: "ada")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-2", "classroom:1", userId: "ada")).WithTimeout();

        await store.ReleaseLeaseAsync("edge-a", Cancellation).WithTimeout();

        Assert.Equal(["conn-2"], (await store.ListConnectionsAsync("ada", channel: "").WithTimeout()).Select(connection => connection.ConnectionId));
    }

    [Fact]
    public async Task The_service_lists_connections_and_refuses_a_request_without_user_or_channel()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        var user = "user-" + Guid.NewGuid().ToString("N");
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        await client.AddSubscriptionAsync(new AddSubscriptionRequest
        {
            Subscription = new Subscription { ConnectionId = "c-1", UserId = user, Channel = "classroom:7", EdgeId = "edge-a", ConnInfoJson = """{"a":1}""" },
        }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        var listed = await client.ListConnectionsAsync(new ListConnectionsRequest { UserId = user }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListConnectionsAsync(new ListConnectionsRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout());
        var badChannel = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListConnectionsAsync(new ListConnectionsRequest { Channel = "classroom:{7}" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());

        var connection = Assert.Single(listed.Connections);
        Assert.Equal(("c-1", user, "edge-a", """{"a":1}"""), (connection.ConnectionId, connection.UserId, connection.EdgeId, connection.ConnInfoJson));
        Assert.Equal((StatusCode.InvalidArgument, "user_id or channel is required"), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, badChannel.StatusCode);
    }

    [Fact]
    public async Task On_a_cluster_a_users_index_lives_in_its_edges_slot_and_lists_across_nodes()
    {
        await using var cluster = await RedisClusterNodes.StartAsync().WithTimeout();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration).WithTimeout();
        var store = Store(connection, _prefix, _time);
        var keys = new RegistryKeys(_prefix);
        string[] edges = ["edge-a", "edge-b", "edge-c", "edge-d", "edge-e", "edge-f"];
        foreach (var edge in edges)
        {
            await store.AcquireLeaseAsync(edge, "", Cancellation).WithTimeout();
            await store.AddSubscriptionAsync(Subscription(edge, "conn-" + edge, "classroom:1", userId: "ada")).WithTimeout();
        }

        var listed = await store.ListConnectionsAsync("ada", channel: "").WithTimeout();

        Assert.True(edges.Select(edge => connection.HashSlot(keys.EdgeLease(edge)) / 5461).Distinct().Count() > 1, "the edges' keys are on several nodes");
        Assert.Equal(edges.Select(edge => "conn-" + edge), listed.Select(item => item.ConnectionId));
        Assert.All(edges, edge => Assert.Equal(
            connection.HashSlot(keys.EdgeLease(edge)),
            connection.HashSlot(keys.GenerationUserConnections(edge, "any-generation", "ada"))));
    }

    /// <summary>The per-user index and connection records left under this test's prefix.</summary>
    private async Task<List<string>> IndexKeysAsync()
    {
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints().Single());
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*").WithCancellation(Cancellation))
        {
            if (key.ToString().Contains(":user:", StringComparison.Ordinal) || key.ToString().Contains(":clients:", StringComparison.Ordinal))
            {
                keys.Add(key!);
            }
        }

        return keys;
    }
}
