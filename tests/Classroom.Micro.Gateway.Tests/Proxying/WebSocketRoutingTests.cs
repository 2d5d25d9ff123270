using System.Net.WebSockets;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Proxying;

public sealed class WebSocketRoutingTests
{
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_websocket_through_the_gateway_reaches_an_edge_with_its_query_string()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 2, FastProbes);

        var (edge, query) = await cluster.Gateway.GreetingAsync("physics-101");

        Assert.Contains(edge, cluster.Edges.Select(e => e.Name));
        Assert.Equal("classroom=physics-101&cf_protocol=json", query);
    }

    [Fact]
    public async Task Every_connection_of_a_classroom_lands_on_the_same_edge()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 3, FastProbes);

        var edges = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            edges.Add((await cluster.Gateway.GreetingAsync("classroom-7")).Edge);
        }

        Assert.Single(edges);
    }

    [Fact]
    public async Task Different_classrooms_spread_over_the_edges()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 3, FastProbes);

        var edges = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            edges.Add((await cluster.Gateway.GreetingAsync($"classroom-{i}")).Edge);
        }

        Assert.Equal(3, edges.Count);
    }

    [Fact]
    public async Task A_classroom_moves_when_its_edge_is_not_ready_and_only_its_classrooms_move()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 3, FastProbes);
        var home = (await cluster.Gateway.GreetingAsync("classroom-1")).Edge;
        var bystander = await ClassroomNotOnAsync(cluster.Gateway, home);
        var bystanderHome = (await cluster.Gateway.GreetingAsync(bystander)).Edge;

        cluster.Edge(home).SetReady(false);
        string? moved = null;
        await Eventually.HoldsAsync(async () =>
        {
            moved = (await cluster.Gateway.GreetingAsync("classroom-1")).Edge;
            return moved != home;
        }, Failover, $"classroom-1 leaves {home} once {home} reports not ready");

        Assert.Equal(bystanderHome, (await cluster.Gateway.GreetingAsync(bystander)).Edge);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(moved, (await cluster.Gateway.GreetingAsync("classroom-1")).Edge);
        }

        cluster.Edge(home).SetReady(true);
        await Eventually.HoldsAsync(
            async () => (await cluster.Gateway.GreetingAsync("classroom-1")).Edge == home,
            Failover, $"classroom-1 returns to {home} once it is ready again");
    }

    [Fact]
    public async Task When_no_edge_reports_ready_connections_still_reach_one_instead_of_a_503()
    {
        // Panic routing: with the whole pool unready (e.g. Redis is away) an edge can still answer in protocol terms.
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 2, FastProbes);
        foreach (var edge in cluster.Edges)
        {
            edge.SetReady(false);
        }

        await Eventually.HoldsAsync(() => cluster.Edges.All(edge => edge.FailedReadyProbes >= 4), Failover, "the gateway saw every edge fail its readiness probes");

        Assert.Contains((await cluster.Gateway.GreetingAsync("classroom-1")).Edge, cluster.Edges.Select(e => e.Name));
    }

    [Fact]
    public async Task A_classroom_moves_at_once_when_its_edge_refuses_connections()
    {
        // Probes too slow to matter: only the passive check can take the dead edge out.
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 2, healthCheckInterval: TimeSpan.FromMinutes(5));
        var home = (await cluster.Gateway.GreetingAsync("classroom-1")).Edge;

        await cluster.Edge(home).StopAsync();

        await Assert.ThrowsAsync<WebSocketException>(() => cluster.Gateway.GreetingAsync("classroom-1"));
        Assert.NotEqual(home, (await cluster.Gateway.GreetingAsync("classroom-1")).Edge);
    }

    [Fact]
    public async Task Connections_without_a_classroom_spread_over_the_edges()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 3, FastProbes);
        var sockets = new List<ClientWebSocket>();
        try
        {
            var edges = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var socket = await cluster.Gateway.ConnectAsync(classroom: null);
                sockets.Add(socket);
                edges.Add((await RunningGateway.ReadGreetingAsync(socket)).Edge);
            }

            // The less busy of two distinct edges wins, so six open connections use at least two edges, at most three on one.
            var perEdge = edges.GroupBy(edge => edge).ToDictionary(group => group.Key, group => group.Count());
            Assert.True(perEdge.Count >= 2, $"all six connections went to {string.Join(", ", perEdge.Keys)}");
            Assert.All(perEdge.Values, count => Assert.InRange(count, 1, 3));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    private static async Task<string> ClassroomNotOnAsync(RunningGateway gateway, string edge)
    {
        for (var i = 2; i < 200; i++)
        {
            var classroom = $"classroom-{i}";
            if ((await gateway.GreetingAsync(classroom)).Edge != edge)
            {
                return classroom;
            }
        }

        throw new InvalidOperationException($"no classroom outside {edge} among 200");
    }
}
