using System.Globalization;
using Classroom.Micro.Registry.Channels;
using Classroom.Micro.Registry.Storage;
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
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-2", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-3", "classroom:42")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-b", "conn-3", "personal:#user-1")).WithTimeout();

        var channels = (await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout()).Channels;

        Assert.Equal([new ActiveChannel("classroom:42", 3), new ActiveChannel("personal:#user-1", 1)], channels);
    }

    [Fact]
    public async Task A_channel_whose_last_subscriber_left_is_no_longer_listed()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:2")).WithTimeout();

        await store.RemoveSubscriptionAsync("edge-a", "conn-1", "classroom:1").WithTimeout();

        Assert.Equal([new ActiveChannel("classroom:2", 1)], (await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout()).Channels);
    }

    [Fact]
    public async Task Channels_of_an_edge_whose_lease_was_swept_are_no_longer_listed()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).WithTimeout();
        _time.Advance(LeaseTtl + TimeSpan.FromSeconds(1));

        await Sweeper(store, _time).SweepOnceAsync(Cancellation).WithTimeout();

        Assert.Empty((await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout()).Channels);
    }

    [Fact]
    public async Task A_pattern_lists_only_the_channels_it_matches()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        foreach (var channel in new[] { "classroom:10", "classroom:11", "classroom:20", "personal:#u1" })
        {
            await store.AddSubscriptionAsync(Subscription("edge-a", "conn-" + channel, channel)).WithTimeout();
        }

        Assert.True(ChannelPattern.TryParse("classroom:1*", out var pattern, out _));
        var channels = (await store.ListChannelsAsync(pattern, Cancellation).WithTimeout()).Channels;

        Assert.Equal(["classroom:10", "classroom:11"], channels.Select(channel => channel.Channel));
    }

    [Fact]
    public async Task Keys_of_other_prefixes_and_other_shapes_are_never_taken_for_channels()
    {
        var store = Store(redis.Connection, _prefix, _time);
        var database = redis.Connection.GetDatabase();
        // Another deployment's registry on the same Redis, and a fanout idempotency key that happens to end in ":routes".
        await database.HashSetAsync(RedisServer.UniquePrefix() + "{classroom:9}:routes", "edge-x", 1).WithTimeout();
        await database.HashSetAsync(_prefix + "{classroom:9}:idem:a}:routes", "edge-x", 1).WithTimeout();

        Assert.Empty((await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout()).Channels);
    }

    [Fact]
    public async Task The_service_lists_channels_and_refuses_a_malformed_pattern_with_InvalidArgument()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        await client.AddSubscriptionAsync(new AddSubscriptionRequest
        {
            Subscription = new Subscription { ConnectionId = "c-1", UserId = "u-1", Channel = "classroom:7", EdgeId = "edge-a" },
        }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        var listed = await client.ListChannelsAsync(new ListChannelsRequest { Pattern = "classroom:?" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListChannelsAsync(new ListChannelsRequest { Pattern = "classroom:[1" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());

        Assert.Equal(new ChannelSummary { Channel = "classroom:7", Subscribers = 1 }, Assert.Single(listed.Channels));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("pattern", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channels_spanning_several_count_batches_are_all_listed_with_their_counts()
    {
        var store = Store(redis.Connection, _prefix, _time);
        var keys = new RegistryKeys(_prefix);
        var database = redis.Connection.GetDatabase();
        var names = Enumerable.Range(0, (ChannelDirectory.CountBatchSize * 2) + 1)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"classroom:{n:D5}"))
            .ToList();
        // Route hashes as edges leave them: one field per edge holding its subscriber count.
        await Task.WhenAll(names.Select((channel, n) => database.HashSetAsync(keys.ChannelRoutes(channel), [new("edge-a", 1 + (n % 3)), new("edge-b", 1)]))).WithTimeout();

        var listing = await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout();

        Assert.False(listing.LimitExceeded);
        Assert.Equal(names, listing.Channels.Select(channel => channel.Channel));
        Assert.Equal(names.Select((_, n) => 2 + (n % 3)), listing.Channels.Select(channel => channel.Subscribers));
    }

    [Fact]
    public async Task More_channels_than_the_limit_are_refused_while_a_pattern_matching_no_more_than_it_is_listed()
    {
        var store = Store(redis.Connection, _prefix, _time, channelsLimit: 3);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        foreach (var channel in new[] { "classroom:10", "classroom:11", "classroom:12", "classroom:20" })
        {
            await store.AddSubscriptionAsync(Subscription("edge-a", "conn-" + channel, channel)).WithTimeout();
        }

        var everything = await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout();
        Assert.True(ChannelPattern.TryParse("classroom:1*", out var pattern, out _));
        var narrowed = await store.ListChannelsAsync(pattern, Cancellation).WithTimeout();

        Assert.True(everything.LimitExceeded);
        Assert.Empty(everything.Channels);
        Assert.False(narrowed.LimitExceeded);
        Assert.Equal(["classroom:10", "classroom:11", "classroom:12"], narrowed.Channels.Select(channel => channel.Channel));
    }

    [Fact]
    public async Task The_service_refuses_more_channels_than_its_limit_with_FailedPrecondition_asking_for_a_narrower_pattern()
    {
        await using var host = new RegistryHost(redis, new Dictionary<string, string> { ["Registry:ChannelsLimit"] = "2" });
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        foreach (var channel in new[] { "classroom:1", "classroom:2", "classroom:3" })
        {
            await client.AddSubscriptionAsync(new AddSubscriptionRequest
            {
                Subscription = new Subscription { ConnectionId = "c-" + channel, UserId = "u-1", Channel = channel, EdgeId = "edge-a" },
            }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout());
        var narrowed = await client.ListChannelsAsync(new ListChannelsRequest { Pattern = "classroom:[12]" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("more than 2 channels match: narrow the pattern", refused.Status.Detail);
        Assert.Equal(["classroom:1", "classroom:2"], narrowed.Channels.Select(channel => channel.Channel));
    }

    [Fact]
    public async Task Every_primary_of_a_cluster_is_listed_and_a_dead_one_fails_the_listing_instead_of_leaving_its_channels_out()
    {
        await using var cluster = await RedisClusterNodes.StartAsync().WithTimeout();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration).WithTimeout();
        var store = Store(connection, _prefix, _time);
        var keys = new RegistryKeys(_prefix);
        var names = Enumerable.Range(0, 12).Select(n => string.Create(CultureInfo.InvariantCulture, $"classroom:{n}")).Order(StringComparer.Ordinal).ToList();
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        foreach (var channel in names)
        {
            await store.AddSubscriptionAsync(Subscription("edge-a", "conn-" + channel, channel)).WithTimeout();
        }

        var owners = names.Select(channel => connection.HashSlot(keys.ChannelRoutes(channel)) / 5461).ToHashSet();
        Assert.True(owners.Count == 3, "the channels' keys are spread over every node");
        Assert.Equal(names, (await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout()).Channels.Select(channel => channel.Channel));

        cluster.Kill(1);
        await Eventually.HoldsAsync(() => !connection.GetServer(cluster.EndPointOf(1)).IsConnected, TestTimeout, "the client sees the node gone");
        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout());

        Assert.Contains(cluster.EndPointOf(1).ToString()!, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_answers_Unavailable_while_a_cluster_primary_is_down()
    {
        await using var cluster = await RedisClusterNodes.StartAsync().WithTimeout();
        await using var host = new RegistryHost(redis, new Dictionary<string, string> { ["Redis:Configuration"] = cluster.Configuration });
        await host.Client.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        cluster.Kill(2);

        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await host.Client.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();
                return false;
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.Unavailable)
            {
                return true;
            }
        }, TestTimeout, "the listing is refused as UNAVAILABLE");
    }

    [Fact]
    public async Task Without_a_cluster_a_disconnected_server_listed_as_primary_does_not_fail_the_listing()
    {
        // As Sentinel leaves a former primary after promoting its replica: disconnected, still listed as a primary,
        // holding nothing the primary in use does not.
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},127.0.0.1:{FreePort.Next()},connectTimeout=2000").WithTimeout();
        var store = Store(connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-a", "conn-1", "classroom:1")).WithTimeout();

        var listing = await store.ListChannelsAsync(ChannelPattern.Any, Cancellation).WithTimeout();

        Assert.Equal([new ActiveChannel("classroom:1", 1)], listing.Channels);
    }
}
