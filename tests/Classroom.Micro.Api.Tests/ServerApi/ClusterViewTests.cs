using Classroom.Micro.Api.V1;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Fakes;
using Grpc.Core;
using Xunit;
using static Classroom.Micro.Api.Tests.ServerApi.ApiResponses;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>
/// <c>info</c> and <c>channels</c>: what is live across the cluster, as the registry knows it.
/// </summary>
public sealed class ClusterViewTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private const string Key = ServerApiFixture.ApiKey;

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Info_reports_every_live_edge_with_the_counts_it_reported_in_centrifugo_fields()
    {
        var other = "edge-other-" + Guid.NewGuid().ToString("N")[..6];
        var started = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeMilliseconds();
        Host.Registry.SeedEdge(other, new EdgeStats
        {
            NumClients = 12, NumUsers = 9, NumChannels = 3, NumSubs = 30, StartedAtUnixMs = started, Version = "9.9.9", Name = "pod-b",
        });

        using var response = await Host.PostAsync("info", "{}", Key);

        var nodes = (await ResultOf(response)).GetProperty("nodes").EnumerateArray().ToDictionary(node => node.GetProperty("uid").GetString()!);
        var node = nodes[other];
        Assert.Equal("pod-b", node.GetProperty("name").GetString());
        Assert.Equal("9.9.9", node.GetProperty("version").GetString());
        Assert.Equal(
            (12, 9, 3, 30),
            (node.GetProperty("num_clients").GetInt32(), node.GetProperty("num_users").GetInt32(), node.GetProperty("num_channels").GetInt32(), node.GetProperty("num_subs").GetInt32()));
        Assert.InRange(node.GetProperty("uptime").GetInt32(), 110, 600);
        var self = nodes[ApiHost.EdgeId];
        Assert.Equal(0, self.GetProperty("num_clients").GetInt32());
        Assert.NotEmpty(self.GetProperty("version").GetString()!);
    }

    [Fact]
    public async Task Info_over_grpc_carries_the_same_counts()
    {
        var other = "edge-grpc-" + Guid.NewGuid().ToString("N")[..6];
        Host.Registry.SeedEdge(other, new EdgeStats { NumClients = 4, NumUsers = 2, NumChannels = 1, NumSubs = 4, Name = other });

        var info = await Host.Grpc.InfoAsync(new Api.V1.Empty(), WithKey()).ResponseAsync;

        var node = Assert.Single(info.Nodes, node => node.Uid == other);
        Assert.Equal((4u, 2u, 1u, 4u), (node.NumClients, node.NumUsers, node.NumChannels, node.NumSubs));
    }

    [Fact]
    public async Task Channels_lists_active_channels_with_their_subscriber_counts()
    {
        var prefix = "classroom:cv" + Guid.NewGuid().ToString("N")[..8];
        Host.Registry.SeedChannel(prefix + "a", 3);
        Host.Registry.SeedChannel(prefix + "b", 1);

        using var response = await Host.PostAsync("channels", $$"""{"pattern":"{{prefix}}*"}""", Key);

        var channels = (await ResultOf(response)).GetProperty("channels");
        Assert.Equal([prefix + "a", prefix + "b"], channels.EnumerateObject().Select(channel => channel.Name));
        Assert.Equal(3, channels.GetProperty(prefix + "a").GetProperty("num_clients").GetInt32());
        Assert.Contains(Host.Registry.ChannelListings, listing => listing.Pattern == prefix + "*");
    }

    [Fact]
    public async Task Channels_with_a_malformed_pattern_answers_error_107_with_the_registrys_reason()
    {
        using var response = await Host.PostAsync("channels", """{"pattern":"["}""", Key);

        var body = await BodyOf(response);
        Assert.Equal(107, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("'['", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channels_over_grpc_maps_a_malformed_pattern_to_invalid_argument()
    {
        var prefix = "classroom:cg" + Guid.NewGuid().ToString("N")[..8];
        Host.Registry.SeedChannel(prefix, 2);

        var listed = await Host.Grpc.ChannelsAsync(new ChannelsRequest { Pattern = prefix }, WithKey()).ResponseAsync;
        var refused = await Assert.ThrowsAsync<RpcException>(() => Host.Grpc.ChannelsAsync(new ChannelsRequest { Pattern = "[" }, WithKey()).ResponseAsync);

        Assert.Equal(2u, listed.Channels[prefix].NumClients);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task Channels_matching_more_than_the_registry_lists_answers_106_asking_for_a_narrower_pattern()
    {
        using var response = await Host.PostAsync("channels", $$"""{"pattern":"{{FakeRegistry.OverLimitPattern}}"}""", Key);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Grpc.ChannelsAsync(new ChannelsRequest { Pattern = FakeRegistry.OverLimitPattern }, WithKey()).ResponseAsync);

        var error = (await BodyOf(response)).GetProperty("error");
        Assert.Equal(106, error.GetProperty("code").GetInt32());
        Assert.Equal("limit exceeded: more than 10000 channels match: narrow the pattern", error.GetProperty("message").GetString());
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("limit exceeded: more than 10000 channels match: narrow the pattern", refused.Status.Detail);
    }
}
