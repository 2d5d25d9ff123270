using System.Text;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class RawJsonTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1}""")]
    [InlineData("  [1, 2]\n", "[1, 2]")]
    [InlineData("\"s\"", "\"s\"")]
    [InlineData("0", "0")]
    [InlineData("null", "null")]
    [InlineData("{\n  \"pretty\": true\n}", "{   \"pretty\": true }")]
    public void A_single_json_value_is_accepted_and_flattened_onto_one_line(string input, string expected)
    {
        Assert.True(RawJson.TryCreate(Encoding.UTF8.GetBytes(input), out var json));
        Assert.Equal(expected, json.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{} {}")]
    [InlineData("1 2")]
    [InlineData("{\"a\":}")]
    [InlineData("undefined")]
    public void Anything_but_one_complete_value_is_refused(string input)
    {
        Assert.False(RawJson.TryCreate(Encoding.UTF8.GetBytes(input), out var json));
        Assert.True(json.IsEmpty);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        Assert.False(RawJson.TryCreate([(byte)'"', 0xFF, (byte)'"'], out _));
    }

    [Fact]
    public void The_value_is_copied_out_of_the_callers_buffer()
    {
        var buffer = Encoding.UTF8.GetBytes("[1]");
        RawJson.TryCreate(buffer, out var json);

        buffer[1] = (byte)'9';

        Assert.Equal("[1]", json.ToString());
    }

    [Fact]
    public void Trusted_bytes_are_wrapped_without_a_copy()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"k\":2}");

        var json = RawJson.FromTrusted(bytes);

        Assert.True(json.Utf8.Span == bytes.AsSpan());
    }

    [Fact]
    public void Equality_compares_content_and_the_default_is_empty()
    {
        Assert.Equal(RawJson.FromTrusted("[1]"u8.ToArray()), RawJson.FromTrusted("[1]"u8.ToArray()));
        Assert.NotEqual(RawJson.FromTrusted("[1]"u8.ToArray()), RawJson.FromTrusted("[2]"u8.ToArray()));
        Assert.Equal(
            RawJson.FromTrusted("[1]"u8.ToArray()).GetHashCode(),
            RawJson.FromTrusted("[1]"u8.ToArray()).GetHashCode());
        Assert.True(default(RawJson).IsEmpty);
        Assert.Equal(default, RawJson.FromTrusted(ReadOnlyMemory<byte>.Empty));
    }
}
