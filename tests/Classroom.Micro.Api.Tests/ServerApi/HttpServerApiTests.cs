using System.Net;
using System.Text.Json;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Fakes;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>The HTTP server API (<c>POST /api/&lt;method&gt;</c>) of a real edge over real HTTP, upstream faked.</summary>
public sealed class HttpServerApiTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private const string Key = ServerApiFixture.ApiKey;

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Call_without_an_api_key_is_refused_with_401_and_a_json_error()
    {
        using var response = await Host.PostAsync("publish", Publish(NewChannel()), apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(101, (await ErrorOf(response)).GetProperty("code").GetInt32());
        Assert.Equal("apikey", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Call_with_a_wrong_api_key_is_refused_with_401_and_nothing_is_published()
    {
        var channel = NewChannel();

        using var wrong = await Host.PostAsync("publish", Publish(channel), apiKey: Key + "x");
        using var prefix = await Host.PostAsync("publish", Publish(channel), apiKey: Key[..^1]);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        Assert.DoesNotContain(Host.Fanout.Publishes, publish => publish.Channel == channel);
    }

    [Fact]
    public async Task Authorization_header_with_the_apikey_scheme_is_accepted_like_x_api_key()
    {
        using var lower = await Host.PostWithAuthorizationAsync("info", "{}", "apikey", Key);
        using var upper = await Host.PostWithAuthorizationAsync("info", "{}", "APIKEY", ServerApiFixture.OtherApiKey);
        using var bearer = await Host.PostWithAuthorizationAsync("info", "{}", "Bearer", Key);

        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_answers_404()
    {
        using var response = await Host.PostAsync("channels_everywhere", "{}", Key);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(104, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Get_answers_405()
    {
        using var response = await Host.Http.GetAsync(new Uri("/api/info", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"channel\":")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public async Task Body_that_is_not_a_json_object_answers_400(string body)
    {
        using var response = await Host.PostAsync("publish", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(107, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Field_of_the_wrong_type_answers_400_naming_the_field()
    {
        using var response = await Host.PostAsync("history", """{"channel":"classroom:a","since":{"offset":"3"}}""", Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("since.offset", (await ErrorOf(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_answers_413()
    {
        var data = new string('x', 1024 * 1024 + 1);

        using var response = await Host.PostAsync("publish", $$"""{"channel":"classroom:a","data":"{{data}}"}""", Key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("news:today")]
    [InlineData("classroom:")]
    [InlineData("classroom:has space")]
    [InlineData("personal:#")]
    [InlineData("personal:u1")]
    public async Task Publish_to_a_channel_no_namespace_knows_answers_error_102_with_status_200(string channel)
    {
        using var response = await Host.PostAsync("publish", Publish(channel), Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(102, error.GetProperty("code").GetInt32());
        Assert.Equal("unknown channel", error.GetProperty("message").GetString());
        Assert.DoesNotContain(Host.Fanout.Publishes, publish => publish.Channel == channel);
    }

    [Theory]
    [InlineData("""{"data":{"x":1}}""", "channel")]
    [InlineData("""{"channel":"classroom:a"}""", "data")]
    public async Task Publish_without_a_required_field_answers_error_107_naming_it(string body, string field)
    {
        using var response = await Host.PostAsync("publish", body, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(107, error.GetProperty("code").GetInt32());
        Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_appends_as_the_server_with_its_idempotency_key_and_tags()
    {
        var channel = NewChannel();

        // A line break between tokens must not reach subscribers' newline-delimited frames.
        var body = "{\"channel\":\"" + channel + "\",\"data\":{\"text\":\"hi\",\n\"n\":1},\"idempotency_key\":\"k-1\",\"tags\":{\"kind\":\"notice\"},\"skip_history\":false}";

        using var response = await Host.PostAsync("publish", body, Key);

        var result = await ResultOf(response);
        Assert.True(result.GetProperty("offset").GetUInt64() > 0);
        Assert.Equal(FakeFanout.Epoch, result.GetProperty("epoch").GetString());
        var appended = Assert.Single(Host.Fanout.Publishes, publish => publish.Channel == channel);
        Assert.Null(appended.Info);
        Assert.Equal("k-1", appended.IdempotencyKey);
        Assert.Equal("notice", appended.Tags["kind"]);
        Assert.Equal("""{"text":"hi", "n":1}""", appended.Data.ToStringUtf8());
    }

    [Fact]
    public async Task Personal_channel_accepts_a_server_publish_without_membership()
    {
        using var response = await Host.PostAsync("publish", Publish("personal:#student-7"), Key);

        Assert.True((await ResultOf(response)).GetProperty("offset").GetUInt64() > 0);
    }

    [Fact]
    public async Task Broadcast_answers_each_channel_in_order_with_its_own_result_or_error()
    {
        var first = NewChannel();
        var second = NewChannel();

        using var response = await Host.PostAsync(
            "broadcast", $$"""{"channels":["{{first}}","nowhere:1","{{second}}"],"data":{"x":1},"idempotency_key":"b-1"}""", Key);

        var responses = (await ResultOf(response)).GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(3, responses.Count);
        Assert.Equal(FakeFanout.Epoch, responses[0].GetProperty("result").GetProperty("epoch").GetString());
        Assert.Equal(102, responses[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(FakeFanout.Epoch, responses[2].GetProperty("result").GetProperty("epoch").GetString());
        Assert.All([first, second], channel => Assert.Equal("b-1", Assert.Single(Host.Fanout.Publishes, publish => publish.Channel == channel).IdempotencyKey));
    }

    [Fact]
    public async Task Unavailable_fanout_answers_error_100()
    {
        var channel = NewChannel();
        Host.Fanout.Fail(channel, StatusCode.Unavailable);

        using var response = await Host.PostAsync("publish", Publish(channel), Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task History_returns_publications_with_data_info_and_offsets_and_the_stream_position()
    {
        var channel = NewChannel();

        using var response = await Host.PostAsync("history", $$"""{"channel":"{{channel}}","limit":10,"since":{"offset":1,"epoch":"{{FakeFanout.Epoch}}"},"reverse":true}""", Key);

        var result = await ResultOf(response);
        Assert.Equal(3UL, result.GetProperty("offset").GetUInt64());
        Assert.Equal(FakeFanout.Epoch, result.GetProperty("epoch").GetString());
        var publications = result.GetProperty("publications").EnumerateArray().ToList();
        Assert.Equal([2UL, 3UL], publications.Select(publication => publication.GetProperty("offset").GetUInt64()));
        Assert.Equal(2, publications[0].GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal("teacher-1", publications[0].GetProperty("info").GetProperty("user").GetString());
        Assert.Equal(1, publications[0].GetProperty("info").GetProperty("conn_info").GetProperty("seat").GetInt32());
        Assert.False(publications[1].TryGetProperty("info", out _));
        var read = Assert.Single(Host.Fanout.Reads, read => read.Channel == channel);
        Assert.Equal((1UL, 10, true), (read.SinceOffset, read.Limit, read.Reverse));
    }

    [Fact]
    public async Task History_without_a_limit_returns_only_the_stream_position()
    {
        using var response = await Host.PostAsync("history", $$"""{"channel":"{{NewChannel()}}"}""", Key);

        var result = await ResultOf(response);
        Assert.Empty(result.GetProperty("publications").EnumerateArray());
        Assert.Equal(3UL, result.GetProperty("offset").GetUInt64());
    }

    [Fact]
    public async Task History_since_another_epoch_answers_error_112()
    {
        using var response = await Host.PostAsync("history", $$$"""{"channel":"{{{NewChannel()}}}","limit":10,"since":{"offset":1,"epoch":"gone"}}""", Key);

        Assert.Equal(112, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Presence_lists_every_connection_by_client_id_and_presence_stats_counts_clients_and_users()
    {
        var channel = NewChannel();
        Host.Registry.Seed(
            channel,
            Subscribed(channel, "c-1", "teacher-1", """{"seat":1}"""),
            Subscribed(channel, "c-2", "teacher-1", ""),
            Subscribed(channel, "c-3", "student-1", ""));

        using var presence = await Host.PostAsync("presence", $$"""{"channel":"{{channel}}"}""", Key);
        using var stats = await Host.PostAsync("presence_stats", $$"""{"channel":"{{channel}}"}""", Key);

        var clients = (await ResultOf(presence)).GetProperty("presence");
        Assert.Equal(["c-1", "c-2", "c-3"], clients.EnumerateObject().Select(client => client.Name).Order(StringComparer.Ordinal));
        Assert.Equal("teacher-1", clients.GetProperty("c-1").GetProperty("user").GetString());
        Assert.Equal("c-1", clients.GetProperty("c-1").GetProperty("client").GetString());
        Assert.Equal(1, clients.GetProperty("c-1").GetProperty("conn_info").GetProperty("seat").GetInt32());
        Assert.False(clients.GetProperty("c-2").TryGetProperty("conn_info", out _));
        var counts = await ResultOf(stats);
        Assert.Equal((3, 2), (counts.GetProperty("num_clients").GetInt32(), counts.GetProperty("num_users").GetInt32()));
    }

    [Fact]
    public async Task Presence_stats_answers_the_registry_counts_as_a_client_presence_stats_does()
    {
        // The seed of the edge's ChannelReadsTests: a connection listed twice counts once, on both sides.
        var channel = NewChannel();
        Host.Registry.Seed(
            channel,
            Subscribed(channel, "c1", "u1", ""),
            Subscribed(channel, "c1", "u1", ""),
            Subscribed(channel, "c2", "u2", ""));

        using var stats = await Host.PostAsync("presence_stats", $$"""{"channel":"{{channel}}"}""", Key);

        var counts = await ResultOf(stats);
        Assert.Equal((2, 2), (counts.GetProperty("num_clients").GetInt32(), counts.GetProperty("num_users").GetInt32()));
    }

    [Fact]
    public async Task Disconnect_is_announced_to_the_edges_with_3503_force_disconnect_by_default()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        using var response = await Host.PostAsync("disconnect", $$"""{"user":"{{user}}"}""", Key);

        Assert.Empty((await ResultOf(response)).EnumerateObject());
        var disconnect = Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Disconnect?.User == user).Control.Disconnect;
        Assert.Equal((3503u, "force disconnect", ""), (disconnect.Code, disconnect.Reason, disconnect.Client));
    }

    [Fact]
    public async Task Disconnect_carries_the_given_client_code_and_reason()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        using var response = await Host.PostAsync("disconnect", $$$"""{"user":"{{{user}}}","client":"c-9","disconnect":{"code":4501,"reason":"access revoked"}}""", Key);

        await ResultOf(response);
        var disconnect = Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Disconnect?.User == user).Control.Disconnect;
        Assert.Equal((4501u, "access revoked", "c-9"), (disconnect.Code, disconnect.Reason, disconnect.Client));
    }

    [Theory]
    [InlineData("""{"disconnect":{"code":3503}}""")]
    [InlineData("""{"user":"u","disconnect":{"code":1000,"reason":"normal"}}""")]
    public async Task Disconnect_without_a_user_or_with_a_code_outside_the_protocol_range_answers_error_107(string body)
    {
        using var response = await Host.PostAsync("disconnect", body, Key);

        Assert.Equal(107, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Disconnect_answers_error_100_when_the_fanout_cannot_take_it()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        Host.Fanout.Fail("user:" + user, StatusCode.Unavailable);

        using var response = await Host.PostAsync("disconnect", $$"""{"user":"{{user}}"}""", Key);

        Assert.Equal(100, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Unsubscribe_is_announced_to_the_edges()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        var channel = NewChannel();

        using var response = await Host.PostAsync("unsubscribe", $$"""{"user":"{{user}}","channel":"{{channel}}"}""", Key);

        await ResultOf(response);
        var unsubscribe = Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Unsubscribe?.User == user).Control.Unsubscribe;
        Assert.Equal(channel, unsubscribe.Channel);
    }

    [Fact]
    public async Task Refresh_is_announced_to_the_edges_with_the_client_and_the_new_expiry()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        using var response = await Host.PostAsync("refresh", $$$"""{"user":"{{{user}}}","client":"c-7","expire_at":1767225600,"info":{"seat":3}}""", Key);

        Assert.Empty((await ResultOf(response)).EnumerateObject());
        var refresh = Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Refresh?.User == user).Control.Refresh;
        Assert.Equal(("c-7", false, 1767225600L), (refresh.Client, refresh.Expired, refresh.ExpireAt));
    }

    [Fact]
    public async Task Refresh_with_expired_is_announced_as_expired()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        using var response = await Host.PostAsync("refresh", $$"""{"user":"{{user}}","expired":true}""", Key);

        await ResultOf(response);
        var refresh = Assert.Single(Host.Fanout.Announcements, announcement => announcement.Control?.Refresh?.User == user).Control.Refresh;
        Assert.Equal(("", true, 0L), (refresh.Client, refresh.Expired, refresh.ExpireAt));
    }

    [Theory]
    [InlineData("""{"expired":true}""", "user is required")]
    [InlineData("""{"user":"","expire_at":1767225600}""", "user is required")]
    [InlineData("""{"user":"u","expire_at":-1}""", "expire_at")]
    public async Task Refresh_without_a_user_or_with_a_negative_expire_at_answers_error_107_naming_the_field(string body, string problem)
    {
        using var response = await Host.PostAsync("refresh", body, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(107, error.GetProperty("code").GetInt32());
        Assert.Contains(problem, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"user":"u","expire_at":"tomorrow"}""", "expire_at")]
    [InlineData("""{"user":"u","expire_at":1.5}""", "expire_at")]
    [InlineData("""{"user":"u","expired":"yes"}""", "expired")]
    public async Task Refresh_with_a_field_of_the_wrong_type_answers_400_naming_it(string body, string field)
    {
        using var response = await Host.PostAsync("refresh", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ErrorOf(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_from_an_unknown_channel_answers_error_102()
    {
        using var response = await Host.PostAsync("unsubscribe", """{"user":"u","channel":"lobby"}""", Key);

        Assert.Equal(102, (await ErrorOf(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Info_lists_the_edges_holding_a_lease_with_an_empty_body()
    {
        using var response = await Host.PostAsync("info", "", Key);

        var nodes = (await ResultOf(response)).GetProperty("nodes").EnumerateArray().ToList();
        var node = Assert.Single(nodes);
        Assert.Equal(ApiHost.EdgeId, node.GetProperty("uid").GetString());
        Assert.Equal(ApiHost.EdgeId, node.GetProperty("name").GetString());
        Assert.True(node.TryGetProperty("num_clients", out _));
    }

    private static string NewChannel() => "classroom:" + Guid.NewGuid().ToString("N");

    private static string Publish(string channel) => $$$"""{"channel":"{{{channel}}}","data":{"text":"hello"}}""";

    private static Subscription Subscribed(string channel, string client, string user, string connInfo) =>
        new() { Channel = channel, ConnectionId = client, UserId = user, EdgeId = ApiHost.EdgeId, ConnInfoJson = connInfo };

    private static async Task<JsonElement> BodyOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> ResultOf(HttpResponseMessage response)
    {
        var body = await BodyOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.TryGetProperty("result", out _), $"expected a result, got {(int)response.StatusCode} {body}");
        return body.GetProperty("result");
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        var body = await BodyOf(response);
        Assert.True(body.TryGetProperty("error", out var error), $"expected an error, got {(int)response.StatusCode} {body}");
        return error;
    }
}
