using System.Net;
using System.Text.Json;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Registry.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using static Classroom.Micro.Api.Tests.ServerApi.ApiResponses;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>
/// The server API's <c>subscribe</c> (announced to every edge through the fanout) and <c>connections</c> (read from the
/// registry), in every form: <c>/api/&lt;method&gt;</c>, batch, the <c>/api</c> pipeline and gRPC.
/// </summary>
public sealed class ServerSubscribeAndConnectionsTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private const string Key = ServerApiFixture.ApiKey;

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Subscribe_is_announced_to_the_edges_with_its_client_data_and_recovery_position()
    {
        var user = NewUser();
        var channel = NewChannel();

        using var response = await Host.PostAsync(
            "subscribe", $$$"""{"user":"{{{user}}}","channel":"{{{channel}}}","client":"c-9","data":{"welcome":true},"recover_since":{"offset":7,"epoch":"e-1"}}""", Key);

        Assert.Empty((await ResultOf(response)).EnumerateObject());
        var subscribe = Announced(user);
        Assert.Equal((channel, "c-9", """{"welcome":true}"""), (subscribe.Channel, subscribe.Client, subscribe.DataJson));
        Assert.Equal((true, 7UL, "e-1"), (subscribe.Recover, subscribe.Offset, subscribe.Epoch));
    }

    [Fact]
    public async Task Subscribe_without_recover_since_is_announced_to_start_at_the_streams_top()
    {
        var user = NewUser();

        using var response = await Host.PostAsync("subscribe", $$"""{"user":"{{user}}","channel":"personal:#{{user}}"}""", Key);

        await ResultOf(response);
        var subscribe = Announced(user);
        Assert.Equal(("personal:#" + user, "", "", false, 0UL, ""), (subscribe.Channel, subscribe.Client, subscribe.DataJson, subscribe.Recover, subscribe.Offset, subscribe.Epoch));
    }

    [Theory]
    [InlineData("""{"channel":"classroom:1"}""", 107)]
    [InlineData("""{"user":"","channel":"classroom:1"}""", 107)]
    [InlineData("""{"user":"u-1"}""", 107)]
    [InlineData("""{"user":"u-1","channel":"lobby"}""", 102)]
    [InlineData("""{"user":"u-1","channel":"classroom:a b"}""", 102)]
    public async Task Subscribe_without_a_user_or_to_a_channel_that_does_not_exist_answers_an_error_and_announces_nothing(string body, int code)
    {
        var before = Host.Fanout.Announcements.Count(announcement => announcement.Control?.Subscribe is not null);

        using var response = await Host.PostAsync("subscribe", body, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, await ErrorCodeOf(response));
        Assert.Equal(before, Host.Fanout.Announcements.Count(announcement => announcement.Control?.Subscribe is not null));
    }

    [Theory]
    [InlineData("""{"user":"u-1","channel":"classroom:1","recover_since":{"offset":"7"}}""", "recover_since.offset")]
    [InlineData("""{"user":"u-1","channel":"classroom:1","recover_since":5}""", "recover_since")]
    [InlineData("""{"user":7,"channel":"classroom:1"}""", "user")]
    public async Task Subscribe_with_a_field_of_the_wrong_type_answers_400_naming_it(string body, string field)
    {
        using var response = await Host.PostAsync("subscribe", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body400 = await BodyOf(response);
        Assert.Contains(field, body400.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_over_grpc_is_announced_and_data_that_is_not_json_fails_with_invalid_argument()
    {
        var user = NewUser();
        var channel = NewChannel();

        await Host.Grpc.SubscribeAsync(
            new SubscribeRequest { User = user, Channel = channel, Data = ByteString.CopyFromUtf8("""{"a":1}"""), RecoverSince = new StreamPosition { Offset = 3, Epoch = "e" } },
            WithKey()).ResponseAsync;
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Grpc.SubscribeAsync(new SubscribeRequest { User = NewUser(), Channel = channel, Data = ByteString.CopyFromUtf8("{not json") }, WithKey()).ResponseAsync);
        var noUser = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Grpc.SubscribeAsync(new SubscribeRequest { Channel = channel }, WithKey()).ResponseAsync);

        var subscribe = Announced(user);
        Assert.Equal((channel, """{"a":1}""", true, 3UL, "e"), (subscribe.Channel, subscribe.DataJson, subscribe.Recover, subscribe.Offset, subscribe.Epoch));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("data", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noUser.StatusCode);
    }

    [Fact]
    public async Task Subscribe_answers_error_100_when_the_fanout_cannot_take_it()
    {
        var user = NewUser();
        Host.Fanout.Fail("user:" + user, StatusCode.Unavailable);

        using var response = await Host.PostAsync("subscribe", $$"""{"user":"{{user}}","channel":"classroom:1"}""", Key);

        Assert.Equal(100, await ErrorCodeOf(response));
    }

    [Fact]
    public async Task Subscribe_and_connections_in_a_batch_and_in_a_pipeline_answer_under_their_method_names()
    {
        var user = NewUser();
        Host.Registry.SeedConnections(user, Connection(user, "c-1", "{}"));
        var body = $$$"""{"commands":[{"subscribe":{"user":"{{{user}}}","channel":"classroom:5"}},{"connections":{"user":"{{{user}}}"}},{"subscribe":{"user":"{{{user}}}"}}]}""";

        using var batch = await Host.PostAsync("batch", body, Key);
        using var pipeline = await Host.PostToAsync(
            "/api", $$"""{"method":"connections","params":{"user":"{{user}}"},"id":4}""" + "\n" + $$"""{"method":"subscribe","params":{"user":"{{user}}","channel":"classroom:6"},"id":5}""", Key);

        var replies = (await BodyOf(batch)).GetProperty("replies").EnumerateArray().ToList();
        Assert.Empty(replies[0].GetProperty("subscribe").EnumerateObject());
        Assert.True(replies[1].GetProperty("connections").GetProperty("connections").TryGetProperty("c-1", out _));
        Assert.Equal(107, replies[2].GetProperty("error").GetProperty("code").GetInt32());
        var lines = (await pipeline.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([4, 5], lines.Select(line => line.GetProperty("id").GetInt32()));
        Assert.True(lines[0].GetProperty("result").GetProperty("connections").TryGetProperty("c-1", out _));
        Assert.Empty(lines[1].GetProperty("result").EnumerateObject());
        var channels = Host.Fanout.Announcements.Where(announcement => announcement.Control?.Subscribe?.User == user).Select(announcement => announcement.Control.Subscribe.Channel);
        Assert.Equal(["classroom:5", "classroom:6"], channels);
    }

    [Fact]
    public async Task Connections_of_a_user_lists_each_with_client_user_edge_connected_at_and_conn_info()
    {
        var user = NewUser();
        Host.Registry.SeedConnections(user, Connection(user, "c-1", """{"seat":4}"""), Connection(user, "c-2", "", edge: "edge-other"));

        using var response = await Host.PostAsync("connections", $$"""{"user":"{{user}}"}""", Key);

        var connections = (await ResultOf(response)).GetProperty("connections");
        Assert.Equal(["c-1", "c-2"], connections.EnumerateObject().Select(property => property.Name));
        var first = connections.GetProperty("c-1");
        Assert.Equal(("c-1", user, ApiHost.EdgeId, 1_700_000_000_000L), (first.GetProperty("client").GetString(), first.GetProperty("user").GetString(), first.GetProperty("edge").GetString(), first.GetProperty("connected_at").GetInt64()));
        Assert.Equal(4, first.GetProperty("conn_info").GetProperty("seat").GetInt32());
        Assert.Equal("edge-other", connections.GetProperty("c-2").GetProperty("edge").GetString());
        Assert.False(connections.GetProperty("c-2").TryGetProperty("conn_info", out _));
    }

    [Fact]
    public async Task Connections_on_a_channel_lists_its_subscribers_of_the_user_when_one_is_given()
    {
        var channel = NewChannel();
        var user = NewUser();
        Host.Registry.Seed(channel,
            new Subscription { Channel = channel, ConnectionId = "c-1", UserId = user, EdgeId = ApiHost.EdgeId },
            new Subscription { Channel = channel, ConnectionId = "c-3", UserId = "someone-else", EdgeId = ApiHost.EdgeId });
        Host.Registry.SeedConnections(user, Connection(user, "c-1", ""), Connection(user, "c-2", ""));

        using var onChannel = await Host.PostAsync("connections", $$"""{"channel":"{{channel}}"}""", Key);
        using var both = await Host.PostAsync("connections", $$"""{"user":"{{user}}","channel":"{{channel}}"}""", Key);

        Assert.Equal(["c-1", "c-3"], (await ResultOf(onChannel)).GetProperty("connections").EnumerateObject().Select(property => property.Name));
        Assert.Equal(["c-1"], (await ResultOf(both)).GetProperty("connections").EnumerateObject().Select(property => property.Name));
    }

    [Theory]
    [InlineData("{}", 107)]
    [InlineData("""{"user":""}""", 107)]
    [InlineData("""{"channel":"lobby"}""", 102)]
    public async Task Connections_without_a_filter_or_on_an_unknown_channel_answers_an_error(string body, int code)
    {
        using var response = await Host.PostAsync("connections", body, Key);

        Assert.Equal(code, await ErrorCodeOf(response));
    }

    [Fact]
    public async Task Connections_over_grpc_lists_the_users_connections_and_refuses_no_filter()
    {
        var user = NewUser();
        Host.Registry.SeedConnections(user, Connection(user, "c-1", """{"a":1}"""));

        var result = await Host.Grpc.ConnectionsAsync(new ConnectionsRequest { User = user }, WithKey()).ResponseAsync;
        var refused = await Assert.ThrowsAsync<RpcException>(() => Host.Grpc.ConnectionsAsync(new ConnectionsRequest(), WithKey()).ResponseAsync);

        var connection = Assert.Single(result.Connections).Value;
        Assert.Equal(("c-1", user, ApiHost.EdgeId, """{"a":1}"""), (connection.Client, connection.User, connection.Edge, connection.ConnInfo.ToStringUtf8()));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    private Fanout.V1.SubscribeClients Announced(string user) =>
        Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Subscribe?.User == user).Control.Subscribe;

    private static Connection Connection(string user, string client, string connInfo, string edge = ApiHost.EdgeId) =>
        new() { ConnectionId = client, UserId = user, EdgeId = edge, ConnectedAtUnixMs = 1_700_000_000_000, ConnInfoJson = connInfo };

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");
}
