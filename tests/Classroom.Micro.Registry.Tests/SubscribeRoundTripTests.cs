using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

/// <summary>
/// A subscribe writes without reading the lease first when the replica knows the lease's generation, and stays right
/// when what it knows is stale. The Redis work is read from the server's command statistics, so this class keeps its
/// redis-server to itself.
/// </summary>
public sealed class SubscribeRoundTripTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replica_that_knew_an_older_lease_adds_under_the_new_one()
    {
        var first = Store(redis.Connection, _prefix, TimeProvider.System);
        var second = Store(redis.Connection, _prefix, TimeProvider.System);
        await first.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await first.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).WithTimeout();
        // The edge restarted and took a new lease through the other replica: the first one's generation is stale.
        await second.ReleaseLeaseAsync("edge-a", Cancellation).WithTimeout();
        await second.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();

        var added = await first.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:2")).WithTimeout();
        var released = await second.ReleaseLeaseAsync("edge-a", Cancellation).WithTimeout();

        Assert.Equal(new AddSubscriptionResult(AddSubscriptionOutcome.Added, RouteCreated: true), added);
        // Indexed under the new lease: releasing it removes the entry.
        Assert.Equal(1, released);
        Assert.Empty(await ConnectionsAsync(first, "classroom:2"));
    }

    [Fact]
    public async Task A_replica_whose_edge_has_no_lease_any_more_refuses_and_leaves_nothing_behind()
    {
        var store = Store(redis.Connection, _prefix, TimeProvider.System);
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-1", "classroom:3")).WithTimeout();
        await Store(redis.Connection, _prefix, TimeProvider.System).ReleaseLeaseAsync("edge-b", Cancellation).WithTimeout();

        var added = await store.AddSubscriptionAsync(Subscription("edge-b", "conn-2", "classroom:4")).WithTimeout();

        Assert.Equal(AddSubscriptionResult.NoLease, added);
        Assert.Empty(await ConnectionsAsync(store, "classroom:4"));
        Assert.Empty(await RoutesAsync(store, "classroom:4"));
    }

    [Fact]
    public async Task A_subscribe_under_a_known_lease_is_two_scripts_and_one_lease_read()
    {
        var store = Store(redis.Connection, _prefix, TimeProvider.System);
        await store.AcquireLeaseAsync("edge-c", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-c", "conn-0", "classroom:5")).WithTimeout();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true").WithTimeout();
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "RESETSTAT").WithTimeout();

        await store.AddSubscriptionAsync(Subscription("edge-c", "conn-1", "classroom:5")).WithTimeout();
        var calls = await CommandCallsAsync(server);

        Assert.Equal(2, calls.GetValueOrDefault("evalsha"));
        Assert.Equal(0, calls.GetValueOrDefault("eval"));
        // One inside the index script, one lease check after the writes; none before them.
        Assert.Equal(2, calls.GetValueOrDefault("hmget"));
    }

    private static async Task<Dictionary<string, long>> CommandCallsAsync(IServer server)
    {
        var sections = await server.InfoAsync("commandstats").WithTimeout();
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in sections.SelectMany(section => section))
        {
            var fields = entry.Value.Split(',').Select(field => field.Split('=')).Where(pair => pair[0].EndsWith("calls", StringComparison.Ordinal))
                .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
            calls[entry.Key["cmdstat_".Length..]] = fields["calls"] - fields.GetValueOrDefault("failed_calls") - fields.GetValueOrDefault("rejected_calls");
        }

        return calls;
    }
}
