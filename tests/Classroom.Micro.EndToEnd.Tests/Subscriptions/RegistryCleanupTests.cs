using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Subscriptions;

[Collection(SharedCluster.Name)]
public sealed class RegistryCleanupTests(ClusterFixture fixture)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 150_000)]
    public async Task Registry_forgets_the_subscriptions_of_clients_that_disconnect_from_any_edge()
    {
        var cluster = fixture.Cluster;
        var cancellation = TestContext.Current.CancellationToken;
        var classroom = "cleanup-" + Guid.NewGuid().ToString("N")[..8];
        var channel = "classroom:" + classroom;
        await using var scenario = HoldScenario.Start(cluster, classroom, clientsPerEdge: 2, clientsViaGateway: 2);

        var held = await HoldScenario.SubscribedAsync(scenario);
        var registered = await cluster.ChannelSubscriptionsAsync(channel, cancellation).WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        Assert.True(
            held.Clients.Select(client => client.Client).Order().SequenceEqual(registered.Select(subscription => subscription.ConnectionId).Order()),
            $"the registry does not list exactly the subscribed clients: {registered.Describe()}\n{scenario.Output}");
        foreach (var client in held.Clients.Where(client => client.Target != "gateway"))
        {
            Assert.True(
                registered.Single(subscription => subscription.ConnectionId == client.Client).EdgeId == client.Target,
                $"{client.Label} connected to {client.Target}: {registered.Describe()}");
        }

        await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellation);
        await scenario.ResultAsync(NodeScenario.DefaultTimeout);

        IReadOnlyList<Subscription> left = registered;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                left = await cluster.ChannelSubscriptionsAsync(channel, cancellation);
                return left.Count == 0;
            }, CleanupTimeout, $"the registry holds no subscription on {channel}");
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}; left: {left.Describe()}\n{scenario.Output}");
        }
    }

}
