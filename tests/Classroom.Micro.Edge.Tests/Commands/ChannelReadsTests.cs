using System.Net;
using System.Text.Json;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Tests.Control;
using Classroom.Micro.Edge.Tests.Upstream;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>
/// A client's history and presence_stats map what the upstream answers and decide nothing themselves: error 112 is
/// fanout's "unrecoverable", the counts are the registry's (the server API answers the same numbers).
/// </summary>
public sealed class ChannelReadsTests : IAsyncLifetime
{
    private const string Channel = "classroom:reads";

    private FakeUpstream _upstream = null!;
    private PoolUnderTest _pool = null!;
    private GrpcChannel _registryChannel = null!;
    private LoopbackSession _session = null!;
    private ChannelReadHandler _reads = null!;

    public async ValueTask InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync(IPAddress.Loopback, FreePort.Next(), new FakeFanout(), new FakeRegistry());
        // The replica is a fixed address: the scripted DNS is never asked.
        _pool = PoolUnderTest.Start([_upstream.Address.ToString()], new());
        await Eventually.HoldsAsync(() => _pool.Pool.AttachedCount == 1, TaskTimeouts.Default, "the pool attaches to the fake fanout");
        _registryChannel = GrpcChannel.ForAddress(_upstream.Address);
        _session = await LoopbackSession.ConnectAsync("u1", null, new SessionDirectory(), new EdgeOptions { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) }, TimeProvider.System);
        var options = Options.Create(new CommandOptions());
        var deadline = new UpstreamDeadline(options, TimeProvider.System);
        _reads = new ChannelReadHandler(new ChannelPermissions(new CountingAuth(), options, deadline), _pool.Pool, new RegistryService.RegistryServiceClient(_registryChannel), options, deadline);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        _registryChannel.Dispose();
        await _pool.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task History_answers_112_when_fanout_calls_the_position_unrecoverable()
    {
        // The position is in the stream's epoch and right before what it retains: only fanout's answer makes it 112.
        _upstream.Fanout.MarkUnrecoverable(Channel);

        await _reads.HistoryAsync(_session.Session, new HistoryCommand(1, Channel, 10, new HistorySince(1, FakeFanout.Epoch), Reverse: false), TestContext.Current.CancellationToken).WithTimeout();

        using var reply = JsonDocument.Parse(await _session.NextTextAsync());
        Assert.Equal(ClientErrors.UnrecoverablePosition.Code, reply.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(FakeFanout.Epoch, Assert.Single(_upstream.Fanout.Reads).SinceEpoch);
    }

    [Fact]
    public async Task History_from_a_recoverable_position_answers_the_publications()
    {
        await _reads.HistoryAsync(_session.Session, new HistoryCommand(2, Channel, 10, new HistorySince(1, FakeFanout.Epoch), Reverse: false), TestContext.Current.CancellationToken).WithTimeout();

        using var reply = JsonDocument.Parse(await _session.NextTextAsync());
        Assert.Equal(FakeFanout.Stored.Count, reply.RootElement.GetProperty("history").GetProperty("publications").GetArrayLength());
    }

    [Fact]
    public async Task Presence_stats_answers_the_registry_counts()
    {
        // A connection listed twice (as it may be while it resubscribes) counts once: the registry says so.
        _upstream.Registry.Seed(
            Channel,
            new Subscription { ConnectionId = "c1", UserId = "u1", Channel = Channel },
            new Subscription { ConnectionId = "c1", UserId = "u1", Channel = Channel },
            new Subscription { ConnectionId = "c2", UserId = "u2", Channel = Channel });

        await _reads.PresenceStatsAsync(_session.Session, new PresenceStatsCommand(3, Channel), TestContext.Current.CancellationToken).WithTimeout();

        using var reply = JsonDocument.Parse(await _session.NextTextAsync());
        var stats = reply.RootElement.GetProperty("presence_stats");
        Assert.Equal((2, 2), (stats.GetProperty("num_clients").GetInt32(), stats.GetProperty("num_users").GetInt32()));
    }
}
