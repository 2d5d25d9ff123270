using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

public sealed class AnnounceTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = EdgeStream.Timeout;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task A_presence_change_reaches_only_the_edges_interested_in_its_channel()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var interested = await EdgeStream.AttachAsync(client, "edge-1");
        await using var other = await EdgeStream.AttachAsync(client, "edge-2");
        await interested.SubscribeAsync("classroom:7");
        await other.SubscribeAsync("classroom:8");

        var response = await client.AnnounceAsync(new AnnounceRequest
        {
            Presence = new PresenceChange { Channel = "classroom:7", Joined = true, Info = new ClientInfo { User = "s1", Client = "c1" } },
        }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var received = await interested.NextAnnouncementAsync();

        Assert.Equal(1, response.Edges);
        Assert.True(received.Presence.Joined);
        Assert.Equal("s1", received.Presence.Info.User);
        Assert.Equal(0, other.ReceivedAnnouncements);
    }

    [Fact]
    public async Task A_control_command_reaches_every_attached_edge()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var first = await EdgeStream.AttachAsync(client, "edge-1");
        await using var second = await EdgeStream.AttachAsync(client, "edge-2");
        // Attach completes on hello; an interest round trip proves both streams are registered.
        await first.SubscribeAsync("classroom:1");
        await second.SubscribeAsync("classroom:2");

        var edges = await AnnounceKickAsync(client, "s1");

        Assert.Equal(2, edges);
        Assert.Equal("s1", (await first.NextAnnouncementAsync()).Control.Disconnect.User);
        Assert.Equal("s1", (await second.NextAnnouncementAsync()).Control.Disconnect.User);
    }

    [Fact]
    public async Task An_empty_announcement_is_an_invalid_argument()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.AnnounceAsync(new AnnounceRequest(), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
    }

    [Fact]
    public async Task A_control_command_announced_while_an_edge_was_detached_is_replayed_when_it_attaches_again()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        string seen;
        await using (var before = await EdgeStream.AttachAsync(client, "edge-flapping"))
        {
            await before.SubscribeAsync("classroom:1");
            await AnnounceKickAsync(client, "s1");
            seen = (await before.NextAnnouncementAsync()).Control.LogId;
        }

        // The edge's stream is down (a link flap, a replica restart): nobody is attached to hear this kick.
        await AnnounceKickAsync(client, "s2");
        await using var after = await EdgeStream.AttachAsync(client, "edge-flapping", controlSince: seen);
        await using var fresh = await EdgeStream.AttachAsync(client, "edge-new");
        await fresh.SubscribeAsync("classroom:1");
        await after.SubscribeAsync("classroom:1");
        await AnnounceKickAsync(client, "s3");

        Assert.Matches("^[0-9]+-[0-9]+$", seen);
        var replayed = (await after.NextAnnouncementAsync()).Control;
        Assert.Equal("s2", replayed.Disconnect.User);
        Assert.NotEqual(seen, replayed.LogId);
        Assert.Equal("s3", (await after.NextAnnouncementAsync()).Control.Disconnect.User);
        // An edge that saw nothing before (a new one) is not sent the past.
        Assert.Equal("s3", (await fresh.NextAnnouncementAsync()).Control.Disconnect.User);
    }

    [Fact]
    public async Task A_malformed_control_position_in_hello_replays_nothing_and_the_stream_works()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await AnnounceKickAsync(client, "s-old");
        await using var edge = await EdgeStream.AttachAsync(client, "edge-odd", controlSince: "not-an-id");
        await edge.SubscribeAsync("classroom:1");

        await AnnounceKickAsync(client, "s-new");

        Assert.Equal("s-new", (await edge.NextAnnouncementAsync()).Control.Disconnect.User);
    }

    private static async Task<int> AnnounceKickAsync(FanoutService.FanoutServiceClient client, string user)
    {
        var response = await client.AnnounceAsync(new AnnounceRequest
        {
            Control = new ControlCommand { Disconnect = new DisconnectClients { User = user, Code = 3503, Reason = "kicked" } },
        }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        return response.Edges;
    }
}
