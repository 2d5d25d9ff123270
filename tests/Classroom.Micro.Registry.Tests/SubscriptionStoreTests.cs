using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

public sealed class SubscriptionStoreTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RedisRegistryStore _store = Store(redis.Connection, RedisServer.UniquePrefix(), TimeProvider.System);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscriptions_can_be_added_listed_and_removed()
    {
        await _store.AcquireLeaseAsync("edge-a", "http://10.0.0.5:7400", Cancellation).WithTimeout();
        var subscription = Subscription("edge-a", "conn-1", "classroom:42");

        var added = await _store.AddSubscriptionAsync(subscription).WithTimeout();
        var listed = await _store.ListSubscriptionsAsync("classroom:42").WithTimeout();

        Assert.Equal(AddSubscriptionOutcome.Added, added.Outcome);
        Assert.True(added.RouteCreated);
        Assert.Equal([subscription], listed);

        var removed = await _store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:42").WithTimeout();

        Assert.Equal(new RemoveSubscriptionResult(Removed: true, RouteRemoved: true), removed);
        Assert.Empty(await _store.ListSubscriptionsAsync("classroom:42").WithTimeout());
        Assert.Empty(await RoutesAsync(_store, "classroom:42"));
    }

    [Fact]
    public async Task Adding_the_same_subscription_twice_counts_its_route_once()
    {
        await _store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        var subscription = Subscription("edge-a", "conn-1", "classroom:42");

        var first = await _store.AddSubscriptionAsync(subscription).WithTimeout();
        var second = await _store.AddSubscriptionAsync(subscription).WithTimeout();

        Assert.Equal(new AddSubscriptionResult(AddSubscriptionOutcome.Added, RouteCreated: true), first);
        Assert.Equal(new AddSubscriptionResult(AddSubscriptionOutcome.AlreadyPresent, RouteCreated: false), second);
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(_store, "classroom:42"));

        var removed = await _store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:42").WithTimeout();
        Assert.True(removed.RouteRemoved);
    }

    [Fact]
    public async Task Routes_count_subscribers_per_edge_and_vanish_with_the_last_one()
    {
        await _store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await _store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        var a1 = await _store.AddSubscriptionAsync(Subscription("edge-a", "a1", "classroom:42")).WithTimeout();
        var a2 = await _store.AddSubscriptionAsync(Subscription("edge-a", "a2", "classroom:42")).WithTimeout();
        var b1 = await _store.AddSubscriptionAsync(Subscription("edge-b", "b1", "classroom:42")).WithTimeout();

        Assert.Equal([true, false, true], [a1.RouteCreated, a2.RouteCreated, b1.RouteCreated]);
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 2, ["edge-b"] = 1 }, await RoutesAsync(_store, "classroom:42"));

        var firstOut = await _store.RemoveSubscriptionAsync("edge-a", "a1", "classroom:42").WithTimeout();
        Assert.Equal(new RemoveSubscriptionResult(Removed: true, RouteRemoved: false), firstOut);
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1, ["edge-b"] = 1 }, await RoutesAsync(_store, "classroom:42"));

        var lastOut = await _store.RemoveSubscriptionAsync("edge-a", "a2", "classroom:42").WithTimeout();
        Assert.Equal(new RemoveSubscriptionResult(Removed: true, RouteRemoved: true), lastOut);
        Assert.Equal(new Dictionary<string, int> { ["edge-b"] = 1 }, await RoutesAsync(_store, "classroom:42"));
    }

    [Fact]
    public async Task Removing_an_absent_subscription_succeeds_and_leaves_routes_alone()
    {
        await _store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await _store.AddSubscriptionAsync(Subscription("edge-a", "a1", "classroom:42")).WithTimeout();

        var absent = await _store.RemoveSubscriptionAsync("edge-a", "nobody", "classroom:42").WithTimeout();
        var otherEdge = await _store.RemoveSubscriptionAsync("edge-b", "a1", "classroom:42").WithTimeout();

        Assert.Equal(new RemoveSubscriptionResult(Removed: false, RouteRemoved: false), absent);
        Assert.Equal(new RemoveSubscriptionResult(Removed: false, RouteRemoved: true), otherEdge);
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(_store, "classroom:42"));
        Assert.Equal(["a1"], await ConnectionsAsync(_store, "classroom:42"));
    }

    [Fact]
    public async Task Removing_a_connection_removes_it_from_every_channel_and_only_it()
    {
        await _store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        string[] channels = ["classroom:42", "classroom:42:chat", "user:7"];
        foreach (var channel in channels)
        {
            await _store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", channel)).WithTimeout();
        }

        await _store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:42")).WithTimeout();

        var removedFrom = await _store.RemoveConnectionAsync("edge-a", "conn-1").WithTimeout();

        Assert.Equal(channels.Order(), removedFrom.Order());
        Assert.Equal(["conn-2"], await ConnectionsAsync(_store, "classroom:42"));
        Assert.Empty(await ConnectionsAsync(_store, "classroom:42:chat"));
        Assert.Empty(await RoutesAsync(_store, "user:7"));
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(_store, "classroom:42"));
        Assert.Empty(await _store.RemoveConnectionAsync("edge-a", "conn-1").WithTimeout());
    }

    [Fact]
    public async Task A_subscription_from_an_edge_without_a_lease_is_refused()
    {
        var result = await _store.AddSubscriptionAsync(Subscription("edge-unleased", "conn-1", "classroom:42")).WithTimeout();

        Assert.Equal(AddSubscriptionOutcome.NoLease, result.Outcome);
        Assert.Empty(await ConnectionsAsync(_store, "classroom:42"));
        Assert.Empty(await RoutesAsync(_store, "classroom:42"));
    }

    [Fact]
    public async Task A_subscription_from_an_edge_whose_lease_expired_is_refused()
    {
        var store = Store(redis.Connection, RedisServer.UniquePrefix(), _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        _time.Advance(LeaseTtl);

        var result = await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();

        Assert.Equal(AddSubscriptionOutcome.NoLease, result.Outcome);
        Assert.Empty(await ConnectionsAsync(store, "classroom:42"));
    }

    [Fact]
    public async Task Concurrent_removals_of_one_subscription_from_two_replicas_decrement_its_route_once()
    {
        var prefix = RedisServer.UniquePrefix();
        await using var secondConnection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration).WithTimeout();
        var replicaOne = Store(redis.Connection, prefix, TimeProvider.System);
        var replicaTwo = Store(secondConnection, prefix, TimeProvider.System);
        await replicaOne.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        // One subscriber stays, so a double decrement would show as a wrong count rather than a deleted route.
        await replicaOne.AddSubscriptionAsync(Subscription("edge-a", "conn-stays", "classroom:42")).WithTimeout();
        for (var i = 0; i < 20; i++)
        {
            await replicaOne.AddSubscriptionAsync(Subscription("edge-a", $"conn-{i}", "classroom:42")).WithTimeout();
        }

        var removals = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            replicaOne.RemoveSubscriptionAsync("edge-a", $"conn-{i}", "classroom:42"),
            replicaTwo.RemoveSubscriptionAsync("edge-a", $"conn-{i}", "classroom:42"),
        });
        var results = await Task.WhenAll(removals).WithTimeout();

        Assert.Equal(20, results.Count(result => result.Removed));
        Assert.Equal(new Dictionary<string, int> { ["edge-a"] = 1 }, await RoutesAsync(replicaOne, "classroom:42"));
        Assert.Equal(["conn-stays"], await ConnectionsAsync(replicaOne, "classroom:42"));
    }
}
