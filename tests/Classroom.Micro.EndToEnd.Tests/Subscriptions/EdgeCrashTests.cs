using System.Diagnostics;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Subscriptions;

/// <summary>kill -9 of an edge, on a cluster of its own (the shared one must keep both edges).</summary>
public sealed class EdgeCrashTests
{
    /// <summary>Polling, scheduling on a loaded two-core machine: the slack on top of the lease bound.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 240_000)]
    public async Task Subscriptions_of_a_killed_edge_vanish_within_the_lease_bound_and_the_other_edge_keeps_its_own()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync(cancellation).WaitAsync(StartTimeout, cancellation);
        var classroom = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var channel = "classroom:" + classroom;
        var (killed, survivor) = (Cluster.EdgeId(0), Cluster.EdgeId(1));
        await using var scenario = HoldScenario.Start(cluster, classroom, clientsPerEdge: 2, clientsViaGateway: 0);

        var held = await HoldScenario.SubscribedAsync(scenario);
        var onKilled = held.Clients.Where(client => client.Target == killed).Select(client => client.Client).ToHashSet();
        var onSurvivor = held.Clients.Where(client => client.Target == survivor).Select(client => client.Client).ToHashSet();
        IReadOnlyList<Subscription> registered = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                registered = await cluster.ChannelSubscriptionsAsync(channel, cancellation);
                return registered.Count(s => s.EdgeId == killed && onKilled.Contains(s.ConnectionId)) == onKilled.Count
                    && registered.Count(s => s.EdgeId == survivor && onSurvivor.Contains(s.ConnectionId)) == onSurvivor.Count;
            }, TimeSpan.FromSeconds(10), "the registry lists every held client on its edge");
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}; listed: {registered.Describe()}\n{scenario.Output}");
        }

        IReadOnlyList<ChannelRoute> routes = [];
        var sinceKill = Stopwatch.StartNew();
        cluster.KillEdgeHard(0);
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                registered = await cluster.ChannelSubscriptionsAsync(channel, cancellation);
                routes = await cluster.ChannelRoutesAsync(channel, cancellation);
                return !registered.Any(s => s.EdgeId == killed) && !routes.Any(route => route.EdgeId == killed);
            }, Cluster.LeaseBound + Margin, $"{killed}'s subscriptions and route leave the registry", TimeSpan.FromMilliseconds(100));
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message} (lease bound {Cluster.LeaseBound}); listed: {registered.Describe()}, routes: [{string.Join(", ", routes.Select(route => $"{route.EdgeId}:{route.Subscribers}"))}]\n{cluster.OutputTails()}");
        }

        var gone = sinceKill.Elapsed;
        var survivors = registered.Where(s => s.EdgeId == survivor).Select(s => s.ConnectionId).ToHashSet();
        Assert.True(onSurvivor.IsSubsetOf(survivors), $"{survivor}'s subscriptions were lost too ({gone} after the kill); listed: {registered.Describe()}");
        var leases = await cluster.Registry.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellation);
        Assert.DoesNotContain(leases.Leases, lease => lease.EdgeId == killed);
        Assert.Contains(leases.Leases, lease => lease.EdgeId == survivor);

        await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellation);
        await scenario.ResultAsync(NodeScenario.DefaultTimeout);
    }

}
