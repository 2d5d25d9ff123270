using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class CommandParserFieldTests
{
    [Fact]
    public void Connect_reads_token_name_version_and_data()
    {
        var command = ParsedFrames.Single<ConnectCommand>(
            """{"id":1,"connect":{"token":"jwt","name":"js","version":"5.7.4","data":{"a":[1,2]}}}""");

        Assert.Equal(1u, command.Id);
        Assert.Equal("jwt", command.Token);
        Assert.Equal("js", command.Name);
        Assert.Equal("5.7.4", command.Version);
        Assert.Equal("""{"a":[1,2]}""", command.Data.ToString());
    }

    [Fact]
    public void Connect_without_fields_has_null_strings_and_empty_data()
    {
        Assert.Equal(new ConnectCommand(1, null, null, null, default), ParsedFrames.Single("""{"id":1,"connect":{}}"""));
    }

    [Fact]
    public void Subscribe_reads_its_recovery_position_and_options()
    {
        var command = ParsedFrames.Single(
            """{"id":2,"subscribe":{"channel":"classroom:1","recover":true,"offset":18446744073709551615,"epoch":"xyz","join_leave":true,"token":"sub"}}""");

        Assert.Equal(new SubscribeCommand(2, "classroom:1", true, ulong.MaxValue, "xyz", true, "sub"), command);
    }

    [Fact]
    public void Subscribe_accepts_the_offset_as_a_decimal_string_like_canonical_protobuf_json()
    {
        var command = ParsedFrames.Single<SubscribeCommand>("""{"id":2,"subscribe":{"channel":"c","recover":true,"offset":"42"}}""");

        Assert.Equal(42ul, command.Offset);
    }

    [Fact]
    public void Null_fields_read_as_their_defaults()
    {
        var command = ParsedFrames.Single(
            """{"id":2,"subscribe":{"channel":"c","recover":null,"offset":null,"epoch":null,"join_leave":null,"token":null}}""");

        Assert.Equal(new SubscribeCommand(2, "c", false, 0, null, false, null), command);
    }

    [Fact]
    public void Publish_reads_channel_and_data()
    {
        var command = ParsedFrames.Single<PublishCommand>("""{"id":3,"publish":{"channel":"classroom:1","data":{"text":"hi"}}}""");

        Assert.Equal("classroom:1", command.Channel);
        Assert.Equal("""{"text":"hi"}""", command.Data.ToString());
    }

    [Fact]
    public void History_reads_limit_since_and_reverse()
    {
        var command = ParsedFrames.Single(
            """{"id":4,"history":{"channel":"c","limit":50,"since":{"offset":10,"epoch":"e"},"reverse":true}}""");

        Assert.Equal(new HistoryCommand(4, "c", 50, new HistorySince(10, "e"), true), command);
    }

    [Fact]
    public void History_without_since_has_none_and_a_since_without_epoch_has_an_empty_one()
    {
        Assert.Equal(new HistoryCommand(4, "c", 0, null, false), ParsedFrames.Single("""{"id":4,"history":{"channel":"c"}}"""));
        Assert.Equal(
            new HistoryCommand(5, "c", -1, new HistorySince(3, string.Empty), false),
            ParsedFrames.Single("""{"id":5,"history":{"channel":"c","limit":-1,"since":{"offset":3}}}"""));
    }

    [Fact]
    public void Rpc_reads_method_and_data_and_allows_an_empty_method()
    {
        var command = ParsedFrames.Single<RpcCommand>("""{"id":5,"rpc":{"method":"raise_hand","data":[true]}}""");
        Assert.Equal("raise_hand", command.Method);
        Assert.Equal("[true]", command.Data.ToString());

        Assert.Equal(new RpcCommand(6, string.Empty, default), ParsedFrames.Single("""{"id":6,"rpc":{}}"""));
    }

    [Fact]
    public void Refresh_and_sub_refresh_read_their_tokens()
    {
        Assert.Equal(new RefreshCommand(7, "new"), ParsedFrames.Single("""{"id":7,"refresh":{"token":"new"}}"""));
        Assert.Equal(new SubRefreshCommand(8, "c", "sub"), ParsedFrames.Single("""{"id":8,"sub_refresh":{"channel":"c","token":"sub"}}"""));
    }

    [Fact]
    public void Send_needs_no_id_and_carries_its_data()
    {
        var command = ParsedFrames.Single<SendCommand>("""{"send":{"data":{"typing":true}}}""");

        Assert.Equal(0u, command.Id);
        Assert.Equal("""{"typing":true}""", command.Data.ToString());
    }

    [Fact]
    public void Send_with_an_id_still_gets_no_reply_id()
    {
        Assert.Equal(0u, ParsedFrames.Single<SendCommand>("""{"id":3,"send":{"data":1}}""").Id);
    }

    [Fact]
    public void An_empty_object_is_the_clients_pong()
    {
        Assert.Same(PingReply.Instance, ParsedFrames.Single("{}"));
        Assert.Same(PingReply.Instance, ParsedFrames.Single("""{"id":0}"""));
    }

    [Fact]
    public void Unknown_fields_the_sdk_sends_are_ignored()
    {
        var command = ParsedFrames.Single(
            """{"id":2,"subscribe":{"channel":"c","flag":3,"positioned":true,"recoverable":true,"delta":"fossil","tf":{"op":"and","nodes":[{"key":"k","cmp":"eq","val":"v"}]},"data":{"x":1}}}""");

        Assert.Equal(new SubscribeCommand(2, "c", false, 0, null, false, null), command);
    }

    [Fact]
    public void Connect_subs_carry_the_sdks_positions_in_its_server_side_subscriptions()
    {
        var command = ParsedFrames.Single<ConnectCommand>(
            """{"id":1,"connect":{"token":"t","subs":{"classroom:1":{"recover":true,"offset":7,"epoch":"e","future":[1]},"personal:#u":{}}}}""");

        Assert.Equal(new ServerSubPosition(true, 7, "e"), command.Subs["classroom:1"]);
        Assert.Equal(new ServerSubPosition(false, 0, null), command.Subs["personal:#u"]);
    }

    [Theory]
    [InlineData("""{"id":1,"connect":{"token":"t","subs":[]}}""")]
    [InlineData("""{"id":1,"connect":{"token":"t","subs":{"c":1}}}""")]
    [InlineData("""{"id":1,"connect":{"token":"t","subs":{"c":{"offset":"x"}}}}""")]
    [InlineData("""{"id":1,"connect":{"token":"t","subs":{"":{}}}}""")]
    public void Malformed_connect_subs_are_a_bad_request(string frame)
    {
        Assert.Equal(FrameParseResult.Malformed, CommandParser.Parse(System.Text.Encoding.UTF8.GetBytes(frame), []));
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_skipped_at_every_level()
    {
        var command = ParsedFrames.Single(
            """{"future":{"a":[1,{"b":null}],"c":"d"},"id":1,"x":[[],{}],"connect":{"headers":{"h":"v"},"flag":9007199254740993,"dict":"abc","nested":[[[1.5e300]]],"token":"t"},"trailing":-0.0001}""");

        Assert.Equal(new ConnectCommand(1, "t", null, null, default), command);
    }

    [Fact]
    public void A_field_known_to_another_request_is_unknown_here()
    {
        // "method" means something only inside rpc; in publish it is skipped whatever its type.
        var command = ParsedFrames.Single<PublishCommand>("""{"id":3,"publish":{"channel":"c","data":1,"method":{"x":1},"type":0}}""");

        Assert.Equal("c", command.Channel);
    }

    [Fact]
    public void Escaped_property_names_and_strings_are_decoded()
    {
        var command = ParsedFrames.Single<UnsubscribeCommand>("""{"\u0069d":9,"unsubscribe":{"chan\u006eel":"room \"A\" \u00e9"}}""");

        Assert.Equal(9u, command.Id);
        Assert.Equal("room \"A\" é", command.Channel);
    }

    [Fact]
    public void A_null_request_counts_as_absent()
    {
        ParsedFrames.Invalid("""{"id":5,"publish":null}""", 5, 104);
    }
}
