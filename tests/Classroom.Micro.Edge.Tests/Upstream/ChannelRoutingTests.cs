using System.Net;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Routing;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>Each channel's publishes go to one replica, the same from every edge; another takes over while it is down.</summary>
public sealed class ChannelRoutingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_channel_publishes_through_one_replica_and_through_the_next_while_that_one_is_gone()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.2"), port);
        await using var second = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.3"), port);
        var dns = new ScriptedDns();
        dns.Answer("127.0.0.2", "127.0.0.3");
        await using var edge = PoolUnderTest.Start([$"dns:///fanout-headless:{port}"], dns);
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2, Timeout, "both replicas are attached");
        var channels = Enumerable.Range(0, 40).Select(i => $"classroom:{i}").ToList();
        var owners = channels.ToDictionary(channel => channel, channel => edge.Pool.PickLinkFor(channel).Address.AbsoluteUri);
        var chosen = channels.First(channel => owners[channel] == first.Address.AbsoluteUri);

        for (var i = 0; i < 5; i++)
        {
            await edge.Pool.PublishAsync(new PublishRequest { Channel = chosen }, Cancel).WaitAsync(Timeout, Cancel);
        }

        Assert.Equal((5, 0), (first.Fanout.Publishes.Count, second.Fanout.Publishes.Count));
        // Rendezvous spreads channels over both replicas.
        Assert.Contains(owners.Values, owner => owner == second.Address.AbsoluteUri);

        dns.Answer("127.0.0.3");
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.Replicas.Count == 1, Timeout, "the first replica left");
        await edge.Pool.PublishAsync(new PublishRequest { Channel = chosen }, Cancel).WaitAsync(Timeout, Cancel);
        Assert.Single(second.Fanout.Publishes);
        // Channels the remaining replica owned stay with it.
        Assert.All(channels.Where(channel => owners[channel] == second.Address.AbsoluteUri),
            channel => Assert.Equal(second.Address.AbsoluteUri, edge.Pool.PickLinkFor(channel).Address.AbsoluteUri));

        dns.Answer("127.0.0.2", "127.0.0.3");
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2, Timeout, "the first replica is back");
        Assert.All(channels, channel => Assert.Equal(owners[channel], edge.Pool.PickLinkFor(channel).Address.AbsoluteUri));
    }

    [Fact]
    public void Every_edge_ranks_replicas_the_same_whatever_order_it_lists_them_in()
    {
        string[] replicas = ["http://10.0.0.1:7301/", "http://10.0.0.2:7301/", "http://10.0.0.3:7301/"];

        foreach (var channel in Enumerable.Range(0, 100).Select(i => $"classroom:{i}"))
        {
            var forward = Best(channel, replicas);
            var backward = Best(channel, [.. replicas.Reverse()]);
            Assert.Equal(forward, backward);
        }

        var spread = Enumerable.Range(0, 3000).GroupBy(i => Best($"classroom:{i}", replicas)).ToDictionary(group => group.Key, group => group.Count());
        Assert.All(replicas, replica => Assert.InRange(spread.GetValueOrDefault(replica), 800, 1200));
    }

    private static string Best(string channel, IEnumerable<string> replicas)
    {
        var channelHash = ReplicaRendezvous.Hash(channel);
        return replicas.MaxBy(replica => ReplicaRendezvous.Weight(channelHash, ReplicaRendezvous.Hash(replica)))!;
    }
}
