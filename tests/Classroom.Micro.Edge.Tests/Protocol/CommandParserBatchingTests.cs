using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class CommandParserBatchingTests
{
    [Fact]
    public void Three_batched_commands_come_out_in_frame_order()
    {
        var commands = ParsedFrames.Ok(
            """{"connect":{"token":"t","name":"js"},"id":1}""" + "\n" +
            """{"subscribe":{"channel":"classroom:1"},"id":2}""" + "\n" +
            """{"publish":{"channel":"classroom:1","data":{"n":1}},"id":3}""");

        Assert.Collection(
            commands,
            first => Assert.Equal(new ConnectCommand(1, "t", "js", null, default), first),
            second => Assert.Equal(new SubscribeCommand(2, "classroom:1", false, 0, null, false, null), second),
            third => Assert.Equal(3u, Assert.IsType<PublishCommand>(third).Id));
    }

    [Fact]
    public void Carriage_return_line_feeds_separate_commands_too()
    {
        var commands = ParsedFrames.Ok("{\"id\":1,\"presence\":{\"channel\":\"a\"}}\r\n{\"id\":2,\"presence_stats\":{\"channel\":\"b\"}}\r\n");

        Assert.Equal([new PresenceCommand(1, "a"), new PresenceStatsCommand(2, "b")], commands);
    }

    [Fact]
    public void A_trailing_newline_adds_no_command()
    {
        var commands = ParsedFrames.Ok("{\"id\":7,\"unsubscribe\":{\"channel\":\"a\"}}\n");

        Assert.Equal([new UnsubscribeCommand(7, "a")], commands);
    }

    [Fact]
    public void Blank_lines_and_surrounding_whitespace_are_tolerated()
    {
        var commands = ParsedFrames.Ok(" \t\n  {\"id\":1,\"unsubscribe\":{\"channel\":\"a\"}}  \n\n\t{}\r\n  ");

        Assert.Equal([new UnsubscribeCommand(1, "a"), PingReply.Instance], commands);
    }

    [Fact]
    public void The_first_frame_of_the_sdk_carries_connect_and_every_subscribe()
    {
        // The shape centrifuge-js 5.7.x writes on transport open: connect first, then its subscriptions.
        var commands = ParsedFrames.Ok(
            """{"connect":{"token":"jwt","name":"js"},"id":1}""" + "\n" +
            """{"subscribe":{"channel":"classroom:42","join_leave":true,"flag":1},"id":2}""" + "\n" +
            """{"subscribe":{"channel":"personal:#7","flag":1,"recover":true,"offset":12,"epoch":"e1"},"id":3}""");

        Assert.Equal(
            [
                new ConnectCommand(1, "jwt", "js", null, default),
                new SubscribeCommand(2, "classroom:42", false, 0, null, true, null),
                new SubscribeCommand(3, "personal:#7", true, 12, "e1", false, null),
            ],
            commands);
    }

    [Fact]
    public void A_frame_with_one_bad_line_yields_no_commands_at_all()
    {
        ParsedFrames.Malformed("{\"id\":1,\"unsubscribe\":{\"channel\":\"a\"}}\n{\"id\":2,\n{\"id\":3,\"unsubscribe\":{\"channel\":\"b\"}}");
    }

    [Fact]
    public void Commands_already_in_the_list_survive_a_malformed_frame()
    {
        var earlier = new UnsubscribeCommand(9, "kept");
        var commands = new List<ClientCommand> { earlier };

        var result = CommandParser.Parse("{}\n[1]"u8, commands);

        Assert.Equal(FrameParseResult.Malformed, result);
        Assert.Equal([earlier], commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\r\n")]
    public void A_frame_without_any_command_is_malformed(string frame)
    {
        ParsedFrames.Malformed(frame);
    }
}
