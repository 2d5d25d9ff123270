using System.Text;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class CommandParserDataTests
{
    [Theory]
    [InlineData("""{"text":"hello","n":[1,2.5,-3e10],"ok":true,"none":null}""")]
    [InlineData("""[{"a":{}},[],[[]],"x"]""")]
    [InlineData("""{ "spaced" : [ 1 , 2 ] , "tab":	"x" }""")]
    [InlineData("""{"escaped":"line\nbreak \"quoted\" back\\slash \/ \u00e9\u20ac \ud83d\ude00"}""")]
    [InlineData("""{"raw unicode":"élève 数学 🎓"}""")]
    [InlineData("\"just a string with \\\"escapes\\\" and \\u0000\"")]
    [InlineData("12345678901234567890123")]
    [InlineData("-0.0e-0")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Publish_data_is_kept_byte_for_byte(string data)
    {
        var command = ParsedFrames.Single<PublishCommand>($$$"""{"id":1,"publish":{"channel":"c","data":{{{data}}}}}""");

        Assert.Equal(Encoding.UTF8.GetBytes(data), command.Data.Utf8.ToArray());
    }

    [Fact]
    public void Data_before_the_channel_and_the_id_is_still_captured()
    {
        var command = ParsedFrames.Single<PublishCommand>("""{"publish":{"data":{"k":"v"},"channel":"c"},"id":2}""");

        Assert.Equal("""{"k":"v"}""", command.Data.ToString());
        Assert.Equal(2u, command.Id);
    }

    [Fact]
    public void Data_owns_its_bytes_once_the_frame_is_reused()
    {
        var frame = Encoding.UTF8.GetBytes("""{"id":1,"rpc":{"method":"m","data":{"v":1}}}""");
        var commands = new List<ClientCommand>();
        CommandParser.Parse(frame, commands);

        Array.Fill(frame, (byte)' ');

        Assert.Equal("""{"v":1}""", Assert.IsType<RpcCommand>(Assert.Single(commands)).Data.ToString());
    }

    [Fact]
    public void Connect_and_send_data_are_raw_json_too()
    {
        Assert.Equal("[1,\"two\"]", ParsedFrames.Single<ConnectCommand>("""{"id":1,"connect":{"data":[1,"two"]}}""").Data.ToString());
        Assert.Equal("\"ping\"", ParsedFrames.Single<SendCommand>("""{"send":{"data":"ping"}}""").Data.ToString());
    }

    [Fact]
    public void A_carriage_return_inside_data_becomes_a_space_so_replies_never_break_lines()
    {
        var command = ParsedFrames.Single<PublishCommand>("{\"id\":1,\"publish\":{\"channel\":\"c\",\"data\":{\"a\":1,\r\"b\":2}}}");

        Assert.Equal("{\"a\":1, \"b\":2}", command.Data.ToString());
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_channel_is_malformed()
    {
        ParsedFrames.Malformed("""{"id":1,"subscribe":{"channel":"\ud800"}}""");
    }
}
