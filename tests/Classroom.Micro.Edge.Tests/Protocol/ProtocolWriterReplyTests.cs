using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class ProtocolWriterReplyTests
{
    private static readonly ClientInfoView Alice = new("u1", "c1", Json("""{"name":"Alice"}"""), default);

    private static RawJson Json(string text) => RawJson.FromTrusted(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void An_error_reply_names_code_and_message()
    {
        JsonAssert.Same(
            """{"id":1,"error":{"code":103,"message":"permission denied"}}""",
            ProtocolWriter.Error(1, ClientErrors.PermissionDenied));
    }

    [Fact]
    public void A_temporary_error_says_so()
    {
        JsonAssert.Same(
            """{"id":4294967295,"error":{"code":100,"message":"internal server error","temporary":true}}""",
            ProtocolWriter.Error(uint.MaxValue, ClientErrors.Internal));
    }

    [Fact]
    public void A_connect_reply_carries_keepalive_expiry_and_node()
    {
        var result = new ConnectResult("c1", "1.0.0", Ping: 25, Pong: true, Expires: true, Ttl: 3600, Node: "edge-a", Json("""{"motd":"hi"}"""));

        JsonAssert.Same(
            """{"id":1,"connect":{"client":"c1","version":"1.0.0","expires":true,"ttl":3600,"data":{"motd":"hi"},"ping":25,"pong":true,"node":"edge-a"}}""",
            ProtocolWriter.Connect(1, result));
    }

    [Fact]
    public void A_connect_reply_omits_what_is_false_zero_or_empty()
    {
        var result = new ConnectResult("c1", string.Empty, Ping: 0, Pong: false, Expires: false, Ttl: 0, Node: null, default);

        JsonAssert.Same("""{"id":1,"connect":{"client":"c1"}}""", ProtocolWriter.Connect(1, result));
    }

    [Fact]
    public void A_connect_reply_reports_server_side_subscriptions_under_subs_by_channel()
    {
        var recovered = new SubscribeResult(true, "e1", 12, true, [new(12, Json("""{"n":12}"""), null, null)], Recovered: true, WasRecovering: true, false, 0, JoinLeave: true);
        var fresh = new SubscribeResult(true, "e2", 0, true, [], false, false, false, 0, JoinLeave: true);
        var result = new ConnectResult("c1", string.Empty, Ping: 25, Pong: true, Expires: false, Ttl: 0, Node: null, default)
        {
            Subs = [new("classroom:1", recovered), new("personal:#u1", fresh)],
        };

        JsonAssert.Same(
            """
            {"id":1,"connect":{"client":"c1","ping":25,"pong":true,"subs":{
              "classroom:1":{"recoverable":true,"epoch":"e1","publications":[{"data":{"n":12},"offset":12}],"recovered":true,"offset":12,"positioned":true,"was_recovering":true},
              "personal:#u1":{"recoverable":true,"epoch":"e2","positioned":true}}}}
            """,
            ProtocolWriter.Connect(1, result));
    }

    [Fact]
    public void A_recovered_subscribe_reply_lists_the_missed_publications_in_order()
    {
        PublicationView[] missed =
        [
            new(11, Json("""{"n":11}"""), Alice, null),
            new(12, Json("""{"n":12}"""), null, new Dictionary<string, string> { ["kind"] = "chat" }),
        ];
        var result = new SubscribeResult(
            Recoverable: true, Epoch: "e1", Offset: 12, Positioned: true, missed, Recovered: true, WasRecovering: true,
            Expires: false, Ttl: 0, JoinLeave: true);

        JsonAssert.Same(
            """
            {"id":2,"subscribe":{"recoverable":true,"epoch":"e1","publications":[
              {"data":{"n":11},"info":{"user":"u1","client":"c1","conn_info":{"name":"Alice"}},"offset":11},
              {"data":{"n":12},"offset":12,"tags":{"kind":"chat"}}],
             "recovered":true,"offset":12,"positioned":true,"was_recovering":true}}
            """,
            ProtocolWriter.Subscribe(2, result));
    }

    [Fact]
    public void A_plain_subscribe_reply_is_an_empty_object_and_never_echoes_join_leave()
    {
        var result = new SubscribeResult(false, null, 0, false, [], false, false, false, 0, JoinLeave: true);

        JsonAssert.Same("""{"id":2,"subscribe":{}}""", ProtocolWriter.Subscribe(2, result));
    }

    [Fact]
    public void A_subscribe_reply_with_an_expiring_token_says_when()
    {
        var result = new SubscribeResult(true, "e", 0, false, [], false, true, Expires: true, Ttl: 60, JoinLeave: false);

        JsonAssert.Same(
            """{"id":2,"subscribe":{"expires":true,"ttl":60,"recoverable":true,"epoch":"e","was_recovering":true}}""",
            ProtocolWriter.Subscribe(2, result));
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("unsubscribe")]
    [InlineData("sub_refresh")]
    public void An_empty_result_is_an_empty_object_under_its_field(string field)
    {
        JsonAssert.Same($$$"""{"id":3,"{{{field}}}":{}}""", ProtocolWriter.Empty(3, field));
    }

    [Fact]
    public void A_history_reply_has_publications_and_the_stream_position()
    {
        var result = new HistoryResult([new(5, Json("[5]"), Alice, null)], "e9", 7);

        JsonAssert.Same(
            """{"id":4,"history":{"publications":[{"data":[5],"info":{"user":"u1","client":"c1","conn_info":{"name":"Alice"}},"offset":5}],"epoch":"e9","offset":7}}""",
            ProtocolWriter.History(4, result));
    }

    [Fact]
    public void An_empty_history_reply_omits_everything()
    {
        JsonAssert.Same("""{"id":4,"history":{}}""", ProtocolWriter.History(4, new HistoryResult([], string.Empty, 0)));
    }

    [Fact]
    public void A_presence_reply_maps_client_ids_to_their_info()
    {
        var clients = new Dictionary<string, ClientInfoView>
        {
            ["c1"] = Alice,
            ["c2"] = new("u2", "c2", default, Json("""{"seat":3}""")),
        };

        JsonAssert.Same(
            """{"id":5,"presence":{"presence":{"c1":{"user":"u1","client":"c1","conn_info":{"name":"Alice"}},"c2":{"user":"u2","client":"c2","chan_info":{"seat":3}}}}}""",
            ProtocolWriter.Presence(5, clients));
    }

    [Fact]
    public void An_empty_presence_reply_still_has_its_map()
    {
        JsonAssert.Same("""{"id":5,"presence":{"presence":{}}}""", ProtocolWriter.Presence(5, new Dictionary<string, ClientInfoView>()));
    }

    [Fact]
    public void Presence_stats_are_written_even_when_zero()
    {
        JsonAssert.Same("""{"id":6,"presence_stats":{"num_clients":0,"num_users":0}}""", ProtocolWriter.PresenceStats(6, 0, 0));
        JsonAssert.Same("""{"id":6,"presence_stats":{"num_clients":3,"num_users":2}}""", ProtocolWriter.PresenceStats(6, 3, 2));
    }

    [Fact]
    public void An_rpc_reply_embeds_its_data_as_json()
    {
        JsonAssert.Same("""{"id":7,"rpc":{"data":{"ok":true}}}""", ProtocolWriter.Rpc(7, Json("""{"ok":true}""")));
        JsonAssert.Same("""{"id":7,"rpc":{}}""", ProtocolWriter.Rpc(7, default));
    }

    [Fact]
    public void A_refresh_reply_tells_the_new_expiry()
    {
        JsonAssert.Same(
            """{"id":8,"refresh":{"client":"c1","version":"1.0.0","expires":true,"ttl":900}}""",
            ProtocolWriter.Refresh(8, new RefreshResult("c1", "1.0.0", true, 900)));
        JsonAssert.Same("""{"id":8,"refresh":{"client":"c1"}}""", ProtocolWriter.Refresh(8, new RefreshResult("c1", string.Empty, false, 0)));
    }

    [Fact]
    public void Raw_json_is_written_exactly_as_received()
    {
        var data = RawJson.FromTrusted("""{ "spaced" : [1, 2.50, "\u00e9"] }"""u8.ToArray());

        var reply = System.Text.Encoding.UTF8.GetString(ProtocolWriter.Rpc(1, data));

        Assert.Equal("""{"id":1,"rpc":{"data":{ "spaced" : [1, 2.50, "\u00e9"] }}}""", reply);
    }

    [Fact]
    public void Writing_many_replies_in_a_row_never_mixes_their_bytes()
    {
        var big = Json("[" + string.Join(',', Enumerable.Repeat("\"" + new string('x', 1000) + "\"", 100)) + "]");

        var first = ProtocolWriter.Rpc(1, big);
        var second = ProtocolWriter.Error(2, ClientErrors.BadRequest);

        Assert.True(first.Length > 100_000);
        JsonAssert.Same("""{"id":2,"error":{"code":107,"message":"bad request"}}""", second);
    }
}
