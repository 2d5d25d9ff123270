using System.Net;
using System.Net.Sockets;
using Classroom.Micro.Registry.Presence;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Registry.Tests;

/// <summary>Leaves go through the fanout replicas discovery lists right now (127.0.0.2 and 127.0.0.3 on one port, as pods).</summary>
public sealed class LeaveAnnouncerTests
{
    private IPAddress[]? _dnsAnswer;

    [Fact]
    public async Task Leaves_go_through_the_replicas_discovery_lists_now_and_not_through_one_that_left()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.2"), port);
        await using var second = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.3"), port);
        using var discovery = Discovery(port);
        using var announcer = new LeaveAnnouncer(discovery, TimeProvider.System, NullLogger<LeaveAnnouncer>.Instance);
        _dnsAnswer = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();

        for (var i = 0; i < 4; i++)
        {
            await announcer.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", $"c{i}", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();
        }

        Assert.Equal(2, first.Fanout.Announcements.Count);
        Assert.Equal(2, second.Fanout.Announcements.Count);

        _dnsAnswer = [IPAddress.Parse("127.0.0.3")];
        await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();
        for (var i = 0; i < 4; i++)
        {
            await announcer.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", $"d{i}", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();
        }

        Assert.Equal(2, first.Fanout.Announcements.Count);
        Assert.Equal(6, second.Fanout.Announcements.Count);
    }

    [Fact]
    public async Task With_no_replica_known_a_leave_is_skipped_without_an_error()
    {
        using var discovery = Discovery(FreePort.Next());
        using var announcer = new LeaveAnnouncer(discovery, TimeProvider.System, NullLogger<LeaveAnnouncer>.Instance);
        await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();

        await announcer.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", "c1", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();

        Assert.Empty(discovery.Endpoints);
    }

    [Fact]
    public async Task Disposing_closes_the_channel_of_a_replica_that_left_without_waiting_out_its_grace()
    {
        var port = FreePort.Next();
        await using var first = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.2"), port);
        await using var second = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.3"), port);
        using var discovery = Discovery(port);
        // A clock that never moves: the grace of the replica that left never ends on its own.
        var announcer = new LeaveAnnouncer(discovery, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<LeaveAnnouncer>.Instance);
        try
        {
            _dnsAnswer = [IPAddress.Parse("127.0.0.2")];
            await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();
            await announcer.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", "c1", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();
            _dnsAnswer = [IPAddress.Parse("127.0.0.3")];
            await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();
            Assert.Single(first.Fanout.Announcements);
            Assert.Equal(1, first.OpenConnections);
        }
        finally
        {
            announcer.Dispose();
        }

        await Eventually.HoldsAsync(() => first.OpenConnections == 0, TestRegistry.TestTimeout,
            "the channel to the replica that left is closed when the announcer is disposed");
    }

    [Fact]
    public async Task An_announcements_deadline_is_set_on_the_announcers_clock()
    {
        var port = FreePort.Next();
        await using var replica = await FakeUpstream.StartFanoutAsync(IPAddress.Parse("127.0.0.2"), port);
        using var discovery = Discovery(port);
        _dnsAnswer = [IPAddress.Parse("127.0.0.2")];
        await discovery.RefreshAsync(TestContext.Current.CancellationToken).WithTimeout();
        // An hour behind the real clock, its deadline has passed before the call starts.
        using var late = new LeaveAnnouncer(discovery, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)), NullLogger<LeaveAnnouncer>.Instance);
        using var onTime = new LeaveAnnouncer(discovery, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<LeaveAnnouncer>.Instance);

        await late.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", "c1", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();
        Assert.Empty(replica.Fanout.Announcements);
        await onTime.AnnounceLeaveAsync(TestRegistry.Subscription("edge-a", "c2", "classroom:1"), TestContext.Current.CancellationToken).WithTimeout();
        Assert.Single(replica.Fanout.Announcements);
    }

    private EndpointDiscovery Discovery(int port) => new(
        "fanout replicas",
        [EndpointTarget.Parse(new Uri($"dns:///fanout-headless:{port}"))],
        TimeSpan.FromMinutes(10),
        (_, _) => Volatile.Read(ref _dnsAnswer) is { } answer
            ? Task.FromResult(answer)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
        TimeProvider.System,
        NullLogger<EndpointDiscovery>.Instance);
}
