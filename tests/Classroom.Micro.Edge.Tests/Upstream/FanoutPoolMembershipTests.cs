using System.Net;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>
/// The pool follows discovery: replicas on 127.0.0.2 and 127.0.0.3 (one port, as pods behind a headless Service),
/// found through a DNS the test answers.
/// </summary>
public sealed class FanoutPoolMembershipTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly IPAddress FirstAddress = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress SecondAddress = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task A_replica_that_appears_is_attached_and_told_the_whole_interest_set()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(FirstAddress, port);
        await using var second = await FakeUpstream.StartFanoutAsync(SecondAddress, port);
        var dns = new ScriptedDns();
        dns.Answer("127.0.0.2");
        await using var edge = PoolUnderTest.Start([$"dns:///fanout-headless:{port}"], dns);
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 1, Timeout, "the first replica is attached");
        await edge.Pool.AddInterest("classroom:1").WaitAsync(Timeout, TestContext.Current.CancellationToken);

        dns.Answer("127.0.0.2", "127.0.0.3");
        await edge.RediscoverAsync();

        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2 && second.Fanout.Interest.Contains("classroom:1"), Timeout,
            "the new replica is attached and told the channel declared before it appeared");
        await edge.Pool.AddInterest("classroom:2").WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Contains("classroom:2", first.Fanout.Interest);
        Assert.Contains("classroom:2", second.Fanout.Interest);
        Assert.Equal([first.Address.AbsoluteUri, second.Address.AbsoluteUri], edge.Replicas);
    }

    [Fact]
    public async Task A_replica_that_left_discovery_is_detached_and_no_longer_picked_though_it_still_runs()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(FirstAddress, port);
        await using var second = await FakeUpstream.StartFanoutAsync(SecondAddress, port);
        var dns = new ScriptedDns();
        dns.Answer("127.0.0.2", "127.0.0.3");
        await using var edge = PoolUnderTest.Start([$"dns:///fanout-headless:{port}"], dns);
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2, Timeout, "both replicas are attached");
        var linkChanges = edge.Events.LinkChanges;

        dns.Answer("127.0.0.3");
        await edge.RediscoverAsync();

        // The replica sees its stream end before the edge's link has finished closing it and told the channels.
        await Eventually.HoldsAsync(() => first.Fanout.OpenStreams == 0 && edge.Events.LinkChanges > linkChanges, Timeout,
            "the stream to the replica that left is closed and the channels are told a stream was lost");
        Assert.Equal(1, edge.Pool.AttachedCount);
        Assert.Equal([second.Address.AbsoluteUri], edge.Replicas);
        var publishedBefore = first.Fanout.Publishes.Count;
        for (var i = 0; i < 6; i++)
        {
            await edge.Pool.PublishAsync(new PublishRequest { Channel = "classroom:1" }, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        Assert.Equal(publishedBefore, first.Fanout.Publishes.Count);
        Assert.Equal(6, second.Fanout.Publishes.Count);
    }

    [Fact]
    public async Task A_replica_that_comes_back_is_attached_again_with_the_interest_set()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(FirstAddress, port);
        await using var second = await FakeUpstream.StartFanoutAsync(SecondAddress, port);
        var dns = new ScriptedDns();
        dns.Answer("127.0.0.2");
        await using var edge = PoolUnderTest.Start([$"dns:///fanout-headless:{port}"], dns);
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 1, Timeout, "the first replica is attached");
        await edge.Pool.AddInterest("classroom:1").WaitAsync(Timeout, TestContext.Current.CancellationToken);
        dns.Answer("127.0.0.3");
        await edge.RediscoverAsync();
        await Eventually.HoldsAsync(() => first.Fanout.OpenStreams == 0, Timeout, "the first replica is dropped");

        dns.Answer("127.0.0.2", "127.0.0.3");
        await edge.RediscoverAsync();

        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2 && first.Fanout.Interest.Contains("classroom:1"), Timeout,
            "the returning replica is attached and told the interest set again");
        Assert.Equal(1, first.Fanout.OpenStreams);
    }

    [Fact]
    public async Task With_no_replica_known_a_publish_fails_at_once_as_unavailable()
    {
        var dns = new ScriptedDns();
        await using var edge = PoolUnderTest.Start(["dns:///fanout-headless:7301"], dns);
        await edge.RediscoverAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => edge.Pool.PublishAsync(new PublishRequest { Channel = "classroom:1" }, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(0, edge.Pool.AttachedCount);
    }

    [Fact]
    public async Task A_fixed_list_attaches_every_replica_without_any_lookup()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(FirstAddress, port);
        await using var second = await FakeUpstream.StartFanoutAsync(SecondAddress, port);
        var dns = new ScriptedDns();

        await using var edge = PoolUnderTest.Start([first.Address.ToString(), second.Address.ToString()], dns);

        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2 && first.Fanout.OpenStreams == 1 && second.Fanout.OpenStreams == 1, Timeout,
            "both listed replicas are attached");
        Assert.Equal(0, dns.Lookups);
    }

    [Fact]
    public async Task Disposing_the_pool_closes_the_channel_of_a_replica_that_left_without_waiting_out_its_grace()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(FirstAddress, port);
        await using var second = await FakeUpstream.StartFanoutAsync(SecondAddress, port);
        var dns = new ScriptedDns();
        dns.Answer("127.0.0.2", "127.0.0.3");
        // A clock that never moves: the grace of the replica that left never ends on its own.
        var edge = PoolUnderTest.Start([$"dns:///fanout-headless:{port}"], dns, new FakeTimeProvider(DateTimeOffset.UtcNow));
        try
        {
            await edge.RediscoverAsync();
            await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 2, Timeout, "both replicas are attached");
            dns.Answer("127.0.0.3");
            await edge.RediscoverAsync();
            await Eventually.HoldsAsync(() => first.Fanout.OpenStreams == 0, Timeout, "the stream to the replica that left is closed");

            // Calls already sent through it would still be answered on its connection.
            Assert.Equal(1, first.OpenConnections);
        }
        finally
        {
            await edge.DisposeAsync();
        }

        await Eventually.HoldsAsync(() => first.OpenConnections == 0 && second.OpenConnections == 0, Timeout,
            "the pool's dispose closes the channel of the replica that left as well as the current one's");
    }

    [Fact]
    public async Task Calls_through_the_pool_take_their_deadlines_from_the_pools_clock()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var replica = await FakeUpstream.StartFanoutAsync(FirstAddress, FreePort.Next());
        // An hour behind the real clock: a deadline taken from it has passed before the call starts.
        await using var edge = PoolUnderTest.Start([replica.Address.ToString()], new ScriptedDns(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        await Eventually.HoldsAsync(() => edge.Pool.AttachedCount == 1, Timeout, "the replica is attached");

        Func<Task>[] calls =
        [
            () => edge.Pool.PublishAsync(new PublishRequest { Channel = "classroom:1" }, cancellation),
            () => edge.Pool.ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:1" }, cancellation),
            () => edge.Pool.RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:1" }, cancellation),
            () => edge.Pool.AnnounceAsync(new AnnounceRequest(), cancellation),
        ];
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => call().WaitAsync(Timeout, cancellation));
            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        }

        Assert.Empty(replica.Fanout.Publishes);
    }
}
