using System.Text;
using Classroom.Micro.Fanout.Publishing;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Publishing;

public sealed class JsonPayloadTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":\"hello\",\"n\":[1,2.5,null,true]}")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("  [ ]  ")]
    public void Well_formed_json_is_accepted(string json) =>
        Assert.True(JsonPayload.IsValid(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{} {}")]
    [InlineData("hello")]
    [InlineData("{\"a\":1} // comment")]
    public void Malformed_json_is_rejected(string json) =>
        Assert.False(JsonPayload.IsValid(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Invalid_utf8_is_rejected() =>
        Assert.False(JsonPayload.IsValid([(byte)'"', 0xff, 0xfe, (byte)'"']));
}
