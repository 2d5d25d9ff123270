using System.Diagnostics;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The lease bound in real time, through the real service and its background sweeper.</summary>
public sealed class LeaseExpiryTests(RedisServer redis) : IClassFixture<RedisServer>
{
    // Long enough that the live edge, renewed on every poll, survives a stall of a busy 2-core CI machine.
    private static readonly TimeSpan ShortTtl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    // Scheduling slack for a loaded CI machine; the promise itself is ShortTtl + SweepInterval.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edge_that_stops_renewing_loses_all_its_subscriptions_within_the_lease_bound_while_a_live_edge_keeps_its_own()
    {
        await using var host = new RegistryHost(redis, new Dictionary<string, string>
        {
            ["Registry:LeaseTtl"] = ShortTtl.ToString(),
            ["Registry:SweepInterval"] = SweepInterval.ToString(),
        });
        var client = host.Client;
        await Acquire(client, "edge-live");
        await Acquire(client, "edge-dead");
        await Add(client, "edge-live", "live-1", "classroom:42");
        await Add(client, "edge-dead", "dead-1", "classroom:42");
        await Add(client, "edge-dead", "dead-1", "classroom:43");
        await Add(client, "edge-dead", "dead-2", "classroom:42");
        var lastSignOfLife = Stopwatch.StartNew();
        await Acquire(client, "edge-dead");

        await Eventually.HoldsAsync(async () =>
        {
            await client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = "edge-live" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
            var routes42 = await Routes(client, "classroom:42");
            var routes43 = await Routes(client, "classroom:43");
            return !routes42.ContainsKey("edge-dead") && routes43.Count == 0;
        }, ShortTtl + SweepInterval + Slack, "edge-dead's routes are swept");
        var sweptAfter = lastSignOfLife.Elapsed;

        Assert.True(sweptAfter >= ShortTtl, $"swept after {sweptAfter}, before the lease could lapse");
        Assert.Equal(new Dictionary<string, int> { ["edge-live"] = 1 }, await Routes(client, "classroom:42"));
        var remaining = await client.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = "classroom:42" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        Assert.Equal(["live-1"], remaining.Subscriptions.Select(subscription => subscription.ConnectionId));
        var leases = await client.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        Assert.Equal(["edge-live"], leases.Leases.Select(lease => lease.EdgeId));
        var renewDead = await Assert.ThrowsAsync<RpcException>(() =>
            client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = "edge-dead" }, cancellationToken: Cancellation).ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.NotFound, renewDead.StatusCode);
    }

    private static Task<EdgeLease> Acquire(RegistryService.RegistryServiceClient client, string edgeId) =>
        client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = edgeId }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

    private static Task<AddSubscriptionResponse> Add(RegistryService.RegistryServiceClient client, string edgeId, string connectionId, string channel) =>
        client.AddSubscriptionAsync(
            new AddSubscriptionRequest { Subscription = new Subscription { EdgeId = edgeId, ConnectionId = connectionId, UserId = "user-1", Channel = channel } },
            cancellationToken: Cancellation).ResponseAsync.WithTimeout();

    private static async Task<Dictionary<string, int>> Routes(RegistryService.RegistryServiceClient client, string channel)
    {
        var response = await client.ListChannelRoutesAsync(new ListChannelRoutesRequest { Channel = channel }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        return response.Routes.ToDictionary(route => route.EdgeId, route => route.Subscribers);
    }
}
