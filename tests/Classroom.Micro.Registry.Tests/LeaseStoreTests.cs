using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

public sealed class LeaseStoreTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lease_lasts_the_configured_ttl_and_renewal_extends_it()
    {
        var store = Store(redis.Connection, _prefix, _time);

        var acquired = await store.AcquireLeaseAsync("edge-a", "http://10.0.0.5:7400", Cancellation).WithTimeout();
        _time.Advance(TimeSpan.FromSeconds(4));
        var renewed = await store.RenewLeaseAsync("edge-a").WithTimeout();

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(4) + LeaseTtl, acquired.Lease.ExpiresAt, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(renewed);
        Assert.Equal(_time.GetUtcNow() + LeaseTtl, renewed.ExpiresAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal("http://10.0.0.5:7400", renewed.Address);
        Assert.Equal(LeaseTtl, renewed.Ttl);
    }

    [Fact]
    public async Task Acquiring_a_live_lease_again_keeps_its_subscriptions()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();

        var again = await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();

        Assert.Equal(0, again.RemovedSubscriptions);
        Assert.Equal(["conn-1"], await ConnectionsAsync(store, "classroom:42"));
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(store, "classroom:42"));
    }

    [Fact]
    public async Task Renewing_an_expired_lease_is_refused()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        _time.Advance(LeaseTtl);

        Assert.Null(await store.RenewLeaseAsync("edge-a").WithTimeout());
        Assert.Null(await store.RenewLeaseAsync("edge-never-leased").WithTimeout());
    }

    [Fact]
    public async Task Acquiring_after_expiry_removes_the_previous_lease_entries_first()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:43")).WithTimeout();
        _time.Advance(LeaseTtl + TimeSpan.FromSeconds(1));

        var fresh = await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();

        Assert.Equal(2, fresh.RemovedSubscriptions);
        Assert.Empty(await ConnectionsAsync(store, "classroom:42"));
        Assert.Empty(await RoutesAsync(store, "classroom:43"));
        Assert.NotNull(await store.RenewLeaseAsync("edge-a").WithTimeout());
    }

    [Fact]
    public async Task Releasing_a_lease_removes_all_its_subscriptions_and_counts_them()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "a1", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "a1", "classroom:43")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "a2", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "b1", "classroom:42")).WithTimeout();

        var removed = await store.ReleaseLeaseAsync("edge-a", Cancellation).WithTimeout();

        Assert.Equal(3, removed);
        Assert.Equal(["b1"], await ConnectionsAsync(store, "classroom:42"));
        Assert.Equal(new Dictionary<string, int> { ["edge-b"] = 1 }, await RoutesAsync(store, "classroom:42"));
        Assert.Empty(await RoutesAsync(store, "classroom:43"));
        Assert.Equal(["edge-b"], (await store.ListLeasesAsync().WithTimeout()).Select(lease => lease.EdgeId));
        Assert.Null(await store.RenewLeaseAsync("edge-a").WithTimeout());
        Assert.Equal(0, await store.ReleaseLeaseAsync("edge-a", Cancellation).WithTimeout());
    }

    [Fact]
    public async Task Only_live_leases_are_listed()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-old", "http://old", Cancellation).WithTimeout();
        _time.Advance(LeaseTtl / 2);
        await store.AcquireLeaseAsync("edge-new", "http://new", Cancellation).WithTimeout();
        _time.Advance(LeaseTtl / 2);

        var leases = await store.ListLeasesAsync().WithTimeout();

        var lease = Assert.Single(leases);
        Assert.Equal(("edge-new", "http://new"), (lease.EdgeId, lease.Address));
    }

    [Fact]
    public async Task An_expired_edge_is_swept_while_a_renewed_edge_keeps_its_subscriptions()
    {
        var store = Store(redis.Connection, _prefix, _time);
        var sweeper = Sweeper(store, _time);
        await store.AcquireLeaseAsync("edge-dead", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-live", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-dead", "d1", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-dead", "d1", "classroom:43")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-dead", "d2", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-live", "l1", "classroom:42")).WithTimeout();

        _time.Advance(LeaseTtl / 2);
        Assert.Empty(await sweeper.SweepOnceAsync(Cancellation).WithTimeout());
        await store.RenewLeaseAsync("edge-live").WithTimeout();
        _time.Advance(LeaseTtl / 2);

        var sweeps = await sweeper.SweepOnceAsync(Cancellation).WithTimeout();

        var sweep = Assert.Single(sweeps);
        Assert.Equal(("edge-dead", true, 3), (sweep.EdgeId, sweep.LeaseExpired, sweep.RemovedSubscriptions));
        Assert.Equal(["l1"], await ConnectionsAsync(store, "classroom:42"));
        Assert.Equal(new Dictionary<string, int> { ["edge-live"] = 1 }, await RoutesAsync(store, "classroom:42"));
        Assert.Empty(await RoutesAsync(store, "classroom:43"));
        Assert.Null(await store.RenewLeaseAsync("edge-dead").WithTimeout());
        Assert.Empty(await sweeper.SweepOnceAsync(Cancellation).WithTimeout());
    }

    [Fact]
    public async Task Two_sweepers_never_count_an_expiry_twice_nor_decrement_a_route_twice()
    {
        await using var secondConnection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration).WithTimeout();
        var replicaOne = Store(redis.Connection, _prefix, _time);
        var replicaTwo = Store(secondConnection, _prefix, _time);
        string[] channels = [.. Enumerable.Range(0, 5).Select(i => $"classroom:{i}")];
        string[] deadEdges = [.. Enumerable.Range(0, 8).Select(i => $"edge-dead-{i}")];

        await replicaOne.AcquireLeaseAsync("edge-live", "", Cancellation).WithTimeout();
        await replicaOne.AcquireLeaseAsync("edge-back", "", Cancellation).WithTimeout();
        foreach (var edge in deadEdges)
        {
            await replicaOne.AcquireLeaseAsync(edge, "", Cancellation).WithTimeout();
        }

        foreach (var channel in channels)
        {
            await replicaOne.AddSubscriptionAsync(Subscription("edge-live", "live-conn", channel)).WithTimeout();
            for (var connection = 0; connection < 6; connection++)
            {
                await replicaOne.AddSubscriptionAsync(Subscription("edge-back", $"back-{connection}", channel)).WithTimeout();
                foreach (var edge in deadEdges)
                {
                    await replicaOne.AddSubscriptionAsync(Subscription(edge, $"{edge}-{connection}", channel)).WithTimeout();
                }
            }
        }

        _time.Advance(LeaseTtl / 2);
        await replicaOne.RenewLeaseAsync("edge-live").WithTimeout();
        _time.Advance(LeaseTtl / 2);

        // Both replicas sweep while edge-back, whose lease also lapsed, comes back and registers half its connections again.
        var sweeperOne = Sweeper(replicaOne, _time);
        var sweeperTwo = Sweeper(replicaTwo, _time);
        var sweepOne = sweeperOne.SweepOnceAsync(Cancellation);
        var sweepTwo = sweeperTwo.SweepOnceAsync(Cancellation);
        var comeback = Task.Run(async () =>
        {
            await replicaTwo.AcquireLeaseAsync("edge-back", "", Cancellation);
            foreach (var channel in channels)
            {
                for (var connection = 0; connection < 3; connection++)
                {
                    var added = await replicaTwo.AddSubscriptionAsync(Subscription("edge-back", $"back-{connection}", channel));
                    Assert.NotEqual(AddSubscriptionOutcome.NoLease, added.Outcome);
                }
            }
        }, Cancellation);
        var firstPass = (await Task.WhenAll(sweepOne, sweepTwo).WithTimeout()).SelectMany(sweeps => sweeps).ToList();
        await comeback.WithTimeout();
        var secondPass = (await Task.WhenAll(sweeperOne.SweepOnceAsync(Cancellation), sweeperTwo.SweepOnceAsync(Cancellation)).WithTimeout())
            .SelectMany(sweeps => sweeps).ToList();
        var all = firstPass.Concat(secondPass).ToList();

        foreach (var edge in deadEdges)
        {
            Assert.Equal(1, all.Count(sweep => sweep.EdgeId == edge && sweep.LeaseExpired));
            Assert.Equal(channels.Length * 6, all.Where(sweep => sweep.EdgeId == edge).Sum(sweep => sweep.RemovedSubscriptions));
        }

        foreach (var channel in channels)
        {
            Assert.Equal(new Dictionary<string, int> { ["edge-live"] = 1, ["edge-back"] = 3 }, await RoutesAsync(replicaOne, channel));
            Assert.Equal(["back-0", "back-1", "back-2", "live-conn"], (await ConnectionsAsync(replicaOne, channel)).Order());
        }

        // Both live leases must still be scheduled, or a later expiry would never be swept.
        Assert.Equal(["edge-back", "edge-live"], (await replicaOne.ListLeasesAsync().WithTimeout()).Select(lease => lease.EdgeId).Order());
        Assert.Empty(await replicaOne.FindEdgesToSweepAsync().WithTimeout());
    }

    [Fact]
    public async Task Subscriptions_registered_again_under_a_new_lease_survive_the_cleanup_of_the_old_one()
    {
        var store = Store(redis.Connection, _prefix, _time);
        var keys = new RegistryKeys(_prefix);
        var database = redis.Connection.GetDatabase();
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:42")).WithTimeout();
        var oldGeneration = (string)(await database.HashGetAsync(keys.EdgeLease("edge-a"), "generation").WithTimeout())!;
        _time.Advance(LeaseTtl);

        // Another replica is busy removing the old generation, so the new lease cannot clean it up first.
        await database.StringSetAsync(keys.GenerationClaim("edge-a", oldGeneration), "other-replica").WithTimeout();
        var fresh = await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        var again = await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();
        await database.KeyDeleteAsync(keys.GenerationClaim("edge-a", oldGeneration)).WithTimeout();
        var sweeps = await Sweeper(store, _time).SweepOnceAsync(Cancellation).WithTimeout();

        Assert.Equal(0, fresh.RemovedSubscriptions);
        Assert.Equal(new AddSubscriptionResult(AddSubscriptionOutcome.AlreadyPresent, RouteCreated: false), again);
        Assert.Equal(1, Assert.Single(sweeps).RemovedSubscriptions);
        Assert.Equal(["conn-1"], await ConnectionsAsync(store, "classroom:42"));
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(store, "classroom:42"));
        Assert.False(await database.KeyExistsAsync(keys.EdgeRetiredGenerations("edge-a")).WithTimeout());
    }
}
