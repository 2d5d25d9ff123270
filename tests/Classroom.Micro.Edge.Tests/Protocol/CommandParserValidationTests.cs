using System.Text;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class CommandParserValidationTests
{
    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    [InlineData("publish")]
    [InlineData("presence")]
    [InlineData("presence_stats")]
    [InlineData("history")]
    [InlineData("sub_refresh")]
    public void A_request_without_a_channel_is_a_bad_request(string request)
    {
        ParsedFrames.Invalid($$$"""{"id":11,"{{{request}}}":{"data":{},"token":"t"}}""", 11, 107);
        ParsedFrames.Invalid($$$"""{"id":12,"{{{request}}}":{"channel":"","data":{},"token":"t"}}""", 12, 107);
    }

    [Theory]
    [InlineData("""{"id":1,"publish":{"channel":"c"}}""")]
    [InlineData("""{"id":1,"publish":{"channel":"c","data":null}}""")]
    public void Publish_without_data_is_a_bad_request(string frame)
    {
        ParsedFrames.Invalid(frame, 1, 107);
    }

    [Theory]
    [InlineData("""{"id":1,"refresh":{}}""")]
    [InlineData("""{"id":1,"refresh":{"token":""}}""")]
    [InlineData("""{"id":1,"sub_refresh":{"channel":"c"}}""")]
    public void Refresh_without_a_token_is_a_bad_request(string frame)
    {
        ParsedFrames.Invalid(frame, 1, 107);
    }

    [Theory]
    [InlineData("""{"id":4}""")]
    [InlineData("""{"id":4,"ping":{}}""")]
    [InlineData("""{"id":4,"teleport":{"channel":"c"}}""")]
    public void An_id_without_a_known_request_is_method_not_found(string frame)
    {
        ParsedFrames.Invalid(frame, 4, 104);
    }

    [Fact]
    public void Two_requests_in_one_command_are_a_bad_request()
    {
        ParsedFrames.Invalid("""{"id":3,"publish":{"channel":"c","data":1},"unsubscribe":{"channel":"c"}}""", 3, 107);
    }

    [Fact]
    public void Ids_span_the_whole_uint32_range()
    {
        Assert.Equal(uint.MaxValue, ParsedFrames.Single("""{"id":4294967295,"presence":{"channel":"c"}}""").Id);
        Assert.Equal(1u, ParsedFrames.Single("""{"id":1,"presence":{"channel":"c"}}""").Id);
    }

    [Theory]
    [InlineData("""{"id":4294967296,"presence":{"channel":"c"}}""")]
    [InlineData("""{"id":-1,"presence":{"channel":"c"}}""")]
    [InlineData("""{"id":1.5,"presence":{"channel":"c"}}""")]
    [InlineData("""{"id":1e2,"presence":{"channel":"c"}}""")]
    [InlineData("""{"id":"1","presence":{"channel":"c"}}""")]
    public void An_id_that_is_not_a_uint32_number_is_malformed(string frame)
    {
        ParsedFrames.Malformed(frame);
    }

    [Theory]
    [InlineData("""{"publish":{"channel":"c","data":1}}""")]
    [InlineData("""{"id":0,"subscribe":{"channel":"c"}}""")]
    public void A_request_that_needs_a_reply_but_has_no_id_is_malformed(string frame)
    {
        // Its reply would carry id 0, which the SDK reads as a ping.
        ParsedFrames.Malformed(frame);
    }

    [Theory]
    [InlineData("""{"id":1,"subscribe":{"channel":5}}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c","recover":"yes"}}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c","offset":-1}}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c","offset":1.5}}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c","offset":"-1"}}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c","offset":18446744073709551616}}""")]
    [InlineData("""{"id":1,"history":{"channel":"c","limit":2147483648}}""")]
    [InlineData("""{"id":1,"history":{"channel":"c","since":[]}}""")]
    [InlineData("""{"id":1,"subscribe":"c"}""")]
    [InlineData("""{"id":1,"subscribe":[]}""")]
    public void A_known_field_of_the_wrong_type_or_range_is_malformed(string frame)
    {
        ParsedFrames.Malformed(frame);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{}]")]
    [InlineData("\"connect\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_line_that_is_not_an_object_is_malformed(string frame)
    {
        ParsedFrames.Malformed(frame);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c"}""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c""")]
    [InlineData("""{"id":""")]
    [InlineData("""{"id":1,}""")]
    [InlineData("""{'id':1}""")]
    [InlineData("""{"id":1} {"id":2}""")]
    [InlineData("""{} // comment""")]
    [InlineData("""{"id":1,"subscribe":{"channel":"c"}}}""")]
    [InlineData("""{"id":1,"publish":{"channel":"c","data":{"a":}}}""")]
    [InlineData("""{"id":1,"publish":{"channel":"c","data":NaN}}""")]
    public void Invalid_or_truncated_json_is_malformed(string frame)
    {
        ParsedFrames.Malformed(frame);
    }

    [Fact]
    public void A_command_split_across_lines_is_malformed()
    {
        ParsedFrames.Malformed("{\"id\":1,\n\"presence\":{\"channel\":\"c\"}}");
    }

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var frame = Encoding.UTF8.GetBytes("""{"id":1,"presence":{"channel":"#"}}""");
        frame[Array.IndexOf(frame, (byte)'#')] = 0xC3;

        ParsedFrames.Malformed(frame);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_not_a_crash()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        ParsedFrames.Malformed($$$"""{"id":1,"publish":{"channel":"c","data":{{{deep}}}}}""");
    }
}
