using System.Text;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class ProtocolWriterPushTests
{
    private static readonly ClientInfoView Teacher = new("u1", "c1", RawJson.FromTrusted("""{"role":"teacher"}"""u8.ToArray()), default);

    [Fact]
    public void A_publication_push_is_exactly_the_protocols_shape()
    {
        var publication = new PublicationView(5, RawJson.FromTrusted("""{"text":"hi"}"""u8.ToArray()), Teacher, null);

        var push = Encoding.UTF8.GetString(ProtocolWriter.PublicationPush("classroom:1", publication));

        Assert.Equal(
            """{"push":{"channel":"classroom:1","pub":{"data":{"text":"hi"},"info":{"user":"u1","client":"c1","conn_info":{"role":"teacher"}},"offset":5}}}""",
            push);
    }

    [Fact]
    public void A_subscribe_push_carries_the_position_and_the_servers_data_but_no_publications()
    {
        var result = new SubscribeResult(true, "e", 9, true, [new(9, RawJson.FromTrusted("1"u8.ToArray()), null, null)], true, true, false, 0, JoinLeave: true);

        JsonAssert.Same(
            """{"push":{"channel":"classroom:1","subscribe":{"recoverable":true,"epoch":"e","offset":9,"positioned":true,"data":{"why":"group"}}}}""",
            ProtocolWriter.SubscribePush("classroom:1", result, RawJson.FromTrusted("""{"why":"group"}"""u8.ToArray())));
    }

    [Fact]
    public void A_publication_push_without_publisher_or_offset_omits_them()
    {
        var publication = new PublicationView(0, RawJson.FromTrusted("1"u8.ToArray()), null, new Dictionary<string, string>());

        JsonAssert.Same("""{"push":{"channel":"c","pub":{"data":1}}}""", ProtocolWriter.PublicationPush("c", publication));
    }

    [Fact]
    public void Channel_names_and_strings_are_escaped_as_json_requires()
    {
        var info = new ClientInfoView("quote\"back\\slash", "line\nbreak", default, default);

        var push = ProtocolWriter.JoinPush("room \"é\" 😀", info);

        JsonAssert.Same("""{"push":{"channel":"room \"é\" 😀","join":{"info":{"user":"quote\"back\\slash","client":"line\nbreak"}}}}""", push);
    }

    [Fact]
    public void Join_and_leave_pushes_carry_the_client_info()
    {
        JsonAssert.Same(
            """{"push":{"channel":"c","join":{"info":{"user":"u1","client":"c1","conn_info":{"role":"teacher"}}}}}""",
            ProtocolWriter.JoinPush("c", Teacher));
        JsonAssert.Same(
            """{"push":{"channel":"c","leave":{"info":{"user":"u1","client":"c1","conn_info":{"role":"teacher"}}}}}""",
            ProtocolWriter.LeavePush("c", Teacher));
    }

    [Fact]
    public void Join_and_leave_keep_an_empty_user_because_the_sdk_reads_it()
    {
        JsonAssert.Same(
            """{"push":{"channel":"c","join":{"info":{"user":"","client":"c9"}}}}""",
            ProtocolWriter.JoinPush("c", new ClientInfoView(string.Empty, "c9", default, default)));
    }

    [Fact]
    public void An_unsubscribe_push_names_code_and_reason()
    {
        JsonAssert.Same(
            """{"push":{"channel":"c","unsubscribe":{"code":2500,"reason":"insufficient state"}}}""",
            ProtocolWriter.UnsubscribePush("c", 2500, "insufficient state"));
        JsonAssert.Same(
            """{"push":{"channel":"c","unsubscribe":{"code":2000,"reason":"server unsubscribe"}}}""",
            ProtocolWriter.UnsubscribePush("c", Unsubscribes.Server));
    }

    [Fact]
    public void A_disconnect_push_has_no_channel_and_states_whether_to_reconnect()
    {
        JsonAssert.Same(
            """{"push":{"disconnect":{"code":3008,"reason":"slow","reconnect":true}}}""",
            ProtocolWriter.DisconnectPush(Disconnects.Slow));
        JsonAssert.Same(
            """{"push":{"disconnect":{"code":3500,"reason":"invalid token"}}}""",
            ProtocolWriter.DisconnectPush(Disconnects.InvalidToken));
    }

    [Fact]
    public void A_refresh_push_has_no_channel_and_carries_the_new_ttl_or_nothing_when_the_connection_stops_expiring()
    {
        JsonAssert.Same("""{"push":{"refresh":{"expires":true,"ttl":60}}}""", ProtocolWriter.RefreshPush(expires: true, ttl: 60));
        JsonAssert.Same("""{"push":{"refresh":{}}}""", ProtocolWriter.RefreshPush(expires: false, ttl: 0));
    }

    [Fact]
    public void The_server_ping_is_an_empty_object()
    {
        Assert.Equal("{}", Encoding.UTF8.GetString(ProtocolWriter.Ping.Span));
    }

    [Fact]
    public void Raw_json_that_had_line_breaks_cannot_break_a_frame()
    {
        Assert.True(RawJson.TryCreate("{\r\n \"a\": [1,\n2]\n}"u8, out var pretty));

        var push = ProtocolWriter.PublicationPush("c", new PublicationView(1, pretty, null, null));

        JsonAssert.Same("""{"push":{"channel":"c","pub":{"data":{"a":[1,2]},"offset":1}}}""", push);
    }
}
