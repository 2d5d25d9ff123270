using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

public sealed class RegistryServiceTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscription_round_trips_through_the_service()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        var lease = await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a", Address = "http://10.0.0.5:7400" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var subscription = new Subscription
        {
            ConnectionId = "conn-1",
            UserId = "user-7",
            Channel = "classroom:42",
            ClassroomId = "42",
            EdgeId = "edge-a",
            Role = "teacher",
            ConnectedAtUnixMs = 1_700_000_000_123,
            ConnInfoJson = """{"seat":1}""",
            Name = "Grace",
        };

        var added = await client.AddSubscriptionAsync(new AddSubscriptionRequest { Subscription = subscription }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var listed = await client.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = "classroom:42" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var routes = await client.ListChannelRoutesAsync(new ListChannelRoutesRequest { Channel = "classroom:42" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var leases = await client.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(("edge-a", "http://10.0.0.5:7400", 10_000L), (lease.EdgeId, lease.Address, lease.TtlMs));
        Assert.True(added.RouteCreated);
        Assert.Equal(subscription, Assert.Single(listed.Subscriptions));
        Assert.Equal((1u, 1u), (listed.NumClients, listed.NumUsers));
        Assert.Equal(new ChannelRoute { EdgeId = "edge-a", Subscribers = 1 }, Assert.Single(routes.Routes));
        Assert.Equal(lease, Assert.Single(leases.Leases));

        var disconnected = await client.RemoveConnectionAsync(new RemoveConnectionRequest { EdgeId = "edge-a", ConnectionId = "conn-1" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var released = await client.ReleaseEdgeLeaseAsync(new ReleaseEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var routesAfter = await client.ListChannelRoutesAsync(new ListChannelRoutesRequest { Channel = "classroom:42" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(["classroom:42"], disconnected.Channels);
        Assert.Equal(0, released.RemovedSubscriptions);
        Assert.Empty(routesAfter.Routes);
    }

    [Fact]
    public async Task Requests_missing_a_required_field_fail_with_InvalidArgument_naming_it()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        var complete = new Subscription { ConnectionId = "c", UserId = "u", Channel = "classroom:1", EdgeId = "e" };

        var calls = new (string Field, Func<Task> Call)[]
        {
            ("edge_id", () => client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest(), cancellationToken: Cancellation).ResponseAsync),
            ("edge_id", () => client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest(), cancellationToken: Cancellation).ResponseAsync),
            ("subscription", () => client.AddSubscriptionAsync(new AddSubscriptionRequest(), cancellationToken: Cancellation).ResponseAsync),
            ("subscription.connection_id", () => Add(client, WithField(complete, s => s.ConnectionId = ""))),
            ("subscription.user_id", () => Add(client, WithField(complete, s => s.UserId = ""))),
            ("subscription.channel", () => Add(client, WithField(complete, s => s.Channel = ""))),
            ("subscription.edge_id", () => Add(client, WithField(complete, s => s.EdgeId = ""))),
            ("channel", () => client.RemoveSubscriptionAsync(new RemoveSubscriptionRequest { EdgeId = "e", ConnectionId = "c" }, cancellationToken: Cancellation).ResponseAsync),
            ("connection_id", () => client.RemoveConnectionAsync(new RemoveConnectionRequest { EdgeId = "e" }, cancellationToken: Cancellation).ResponseAsync),
            ("channel", () => client.ListChannelRoutesAsync(new ListChannelRoutesRequest(), cancellationToken: Cancellation).ResponseAsync),
            ("channel", () => client.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = "}x" }, cancellationToken: Cancellation).ResponseAsync),
            ("subscription.channel", () => Add(client, WithField(complete, s => s.Channel = "classroom:{1}"))),
        };

        foreach (var (field, call) in calls)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => call().WithTimeout());
            Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
            Assert.StartsWith(field + " ", failure.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Presence_counts_are_answered_with_the_listing_distinct_connections_and_users()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a", Address = "http://10.0.0.5:7400" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        // One user on two tabs and another user: three connections, two users.
        foreach (var (connection, user) in new[] { ("conn-1", "user-1"), ("conn-2", "user-1"), ("conn-3", "user-2") })
        {
            await Add(client, new Subscription { ConnectionId = connection, UserId = user, Channel = "classroom:7", ClassroomId = "7", EdgeId = "edge-a" }).WithTimeout();
        }

        var listed = await client.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = "classroom:7" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(3, listed.Subscriptions.Count);
        Assert.Equal((3u, 2u), (listed.NumClients, listed.NumUsers));
    }

    [Fact]
    public async Task Adding_a_subscription_without_a_lease_fails_with_FailedPrecondition()
    {
        await using var host = new RegistryHost(redis);
        var subscription = new Subscription { ConnectionId = "c", UserId = "u", Channel = "classroom:1", EdgeId = "edge-unleased" };

        var failure = await Assert.ThrowsAsync<RpcException>(() => Add(host.Client, subscription).WithTimeout());

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Contains("edge-unleased", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renewing_an_expired_or_unknown_lease_fails_with_NotFound()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new RegistryHost(redis, time: time);
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        time.Advance(LeaseTtl);

        var expired = await Assert.ThrowsAsync<RpcException>(() =>
            client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = "edge-never" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.NotFound, expired.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_standard_grpc_health_service_reports_serving()
    {
        await using var host = new RegistryHost(redis);
        var health = new Health.HealthClient(host.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Calls_fail_with_Unavailable_while_redis_is_unreachable()
    {
        var closedPort = FreePort.Next();
        await using var host = new RegistryHost(redis, new Dictionary<string, string>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{closedPort},connectTimeout=200,asyncTimeout=1000",
        });

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public void A_key_prefix_with_a_brace_stops_the_service_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => new RegistryHost(redis, new Dictionary<string, string> { ["Redis:KeyPrefix"] = "cm{a}:" }));

        Assert.Contains("Redis:KeyPrefix", failure.Message, StringComparison.Ordinal);
    }

    private static Task<AddSubscriptionResponse> Add(RegistryService.RegistryServiceClient client, Subscription subscription) =>
        client.AddSubscriptionAsync(new AddSubscriptionRequest { Subscription = subscription }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync;

    private static Subscription WithField(Subscription subscription, Action<Subscription> change)
    {
        var copy = subscription.Clone();
        change(copy);
        return copy;
    }
}
