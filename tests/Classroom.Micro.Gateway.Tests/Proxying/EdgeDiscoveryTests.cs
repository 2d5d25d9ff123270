using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Proxying;

public sealed class EdgeDiscoveryTests
{
    private static readonly TimeSpan Change = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_edge_that_appears_in_dns_takes_its_classrooms_and_one_that_leaves_takes_no_new_connections()
    {
        await using var pods = await HeadlessEdges.StartAsync(edgeCount: 2);
        var (first, second) = (pods.Edges[0], pods.Edges[1]);
        var dns = new ScriptedDns();
        dns.Answer(HeadlessEdges.AddressOf(first));
        var gateway = await pods.StartGatewayAsync(dns);
        var onSecond = HeadlessEdges.ClassroomOn(second, first, second);
        var onFirst = HeadlessEdges.ClassroomOn(first, first, second);
        await Eventually.HoldsAsync(async () => await HeadlessEdges.TryGreetingAsync(gateway, onSecond) == first.Name, Change,
            "while DNS lists only the first edge, every classroom goes there");

        dns.Answer(HeadlessEdges.AddressOf(first), HeadlessEdges.AddressOf(second));

        await Eventually.HoldsAsync(async () => await HeadlessEdges.TryGreetingAsync(gateway, onSecond) == second.Name, Change,
            $"{onSecond} moves to the edge that appeared in DNS");
        Assert.Equal(first.Name, await HeadlessEdges.TryGreetingAsync(gateway, onFirst));

        dns.Answer(HeadlessEdges.AddressOf(second));

        await Eventually.HoldsAsync(async () => await HeadlessEdges.TryGreetingAsync(gateway, onFirst) == second.Name, Change,
            $"{onFirst} leaves the edge that left DNS, though that edge still runs and reports ready");
        Assert.Equal(0, first.FailedReadyProbes);
    }

    [Fact]
    public async Task Gateways_that_discover_the_same_edges_in_any_order_send_every_classroom_to_the_same_edge()
    {
        await using var pods = await HeadlessEdges.StartAsync(edgeCount: 3);
        var addresses = pods.Edges.Select(HeadlessEdges.AddressOf).ToArray();
        var inOrder = new ScriptedDns();
        inOrder.Answer(addresses);
        var reversed = new ScriptedDns();
        reversed.Answer([.. addresses.Reverse()]);
        var gateways = new[] { await pods.StartGatewayAsync(inOrder), await pods.StartGatewayAsync(reversed) };
        var all = pods.Edges.ToArray();
        var oneOnEach = pods.Edges.Select(edge => HeadlessEdges.ClassroomOn(edge, all)).ToList();
        foreach (var gateway in gateways)
        {
            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(oneOnEach.Select(classroom => HeadlessEdges.TryGreetingAsync(gateway, classroom))))
                    .SequenceEqual(pods.Edges.Select(edge => edge.Name)),
                Change, "every gateway has discovered all three edges");
        }

        for (var i = 0; i < 12; i++)
        {
            var classroom = $"classroom-{i}";
            var expected = HeadlessEdges.HomeOf(classroom, all);
            Assert.Equal(expected, await HeadlessEdges.TryGreetingAsync(gateways[0], classroom));
            Assert.Equal(expected, await HeadlessEdges.TryGreetingAsync(gateways[1], classroom));
        }
    }
}
