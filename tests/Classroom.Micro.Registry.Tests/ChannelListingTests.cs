using Classroom.Micro.Registry.Channels;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The server API's <c>channels</c>: every channel with subscribers, with counts summed over edges.</summary>
public sealed class ChannelListingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Channels_with_subscribers_are_listed_with_counts_summed_over_edges()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).Within();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).Within();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).Within();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:42")).Within();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-3", "classroom:42")).Within();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-3", "personal:#user-1")).Within();

        var channels = await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).Within();

        Assert.Equal([new ActiveChannel("classroom:42", 3), new ActiveChannel("personal:#user-1", 1)], channels);
    }

    [Fact]
    public async Task A_channel_whose_last_subscriber_left_is_no_longer_listed()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).Within();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).Within();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:2")).Within();

        await store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:1").Within();

        Assert.Equal([new ActiveChannel("classroom:2", 1)], await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).Within());
    }

    [Fact]
    public async Task Channels_of_an_edge_whose_lease_was_swept_are_no_longer_listed()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).Within();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).Within();
        _time.Advance(LeaseTtl + TimeSpan.FromSeconds(1));

        await Sweeper(store, _time).SweepOnceAsync(Cancellation).Within();

        Assert.Empty(await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).Within());
    }

    [Fact]
    public async Task A_pattern_lists_only_the_channels_it_matches()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).Within();
        foreach (var channel in new[] { "classroom:10", "classroom:11", "classroom:20", "personal:#u1" })
        {
            await store.AddSubscriptionAsync(Subscription("edge-a", "conn-" + channel, channel)).Within();
        }

        Assert.True(ChannelPattern.TryParse("classroom:1*", out var pattern, out _));
        var channels = await store.ListChannelsAsync(pattern, Cancellation).Within();

        Assert.Equal(["classroom:10", "classroom:11"], channels.Select(channel => channel.Channel));
    }

    [Fact]
    public async Task Keys_of_other_prefixes_and_other_shapes_are_never_taken_for_channels()
    {
        var store = Store(redis.Connection, _prefix, _time);
        var database = redis.Connection.GetDatabase();
        // Another deployment's registry on the same Redis, and a fanout idempotency key that happens to end in ":routes".
        await database.HashSetAsync(RedisServer.UniquePrefix() + "{classroom:9}:routes", "edge-x", 1).Within();
        await database.HashSetAsync(_prefix + "{classroom:9}:idem:a}:routes", "edge-x", 1).Within();

        Assert.Empty(await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).Within());
    }

    [Fact]
    public async Task The_service_lists_channels_and_refuses_a_malformed_pattern_with_InvalidArgument()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.Within();
        await client.AddSubscriptionAsync(new AddSubscriptionRequest
        {
            Subscription = new Subscription { ConnectionId = "c-1", UserId = "u-1", Channel = "classroom:7", EdgeId = "edge-a" },
        }, cancellationToken: Cancellation).ResponseAsync.Within();

        var listed = await client.ListChannelsAsync(new ListChannelsRequest { Pattern = "classroom:?" }, cancellationToken: Cancellation).ResponseAsync.Within();
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListChannelsAsync(new ListChannelsRequest { Pattern = "classroom:[1" }, cancellationToken: Cancellation).ResponseAsync.Within());

        Assert.Equal(new ChannelSummary { Channel = "classroom:7", Subscribers = 1 }, Assert.Single(listed.Channels));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("pattern", refused.Status.Detail, StringComparison.Ordinal);
    }
}
