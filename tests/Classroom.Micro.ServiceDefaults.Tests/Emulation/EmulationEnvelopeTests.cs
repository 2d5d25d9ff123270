using System.Text;
using Classroom.Micro.ServiceDefaults.Emulation;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Emulation;

/// <summary>The <c>/emulation</c> body as centrifuge-js 5.7.4 sends it in JSON mode, and what is refused.</summary>
public sealed class EmulationEnvelopeTests
{
    [Fact]
    public void The_sdks_body_gives_session_node_and_the_commands_frame()
    {
        var body = """{"session":"abc","node":"e1","data":"{\"id\":2,\"subscribe\":{\"channel\":\"classroom:1\"}}\n{}"}""";

        Assert.True(EmulationEnvelope.TryRead(Encoding.UTF8.GetBytes(body), out var envelope));

        Assert.Equal("abc", envelope.Session);
        Assert.Equal("e1", envelope.Node);
        Assert.Equal("{\"id\":2,\"subscribe\":{\"channel\":\"classroom:1\"}}\n{}", envelope.Data);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_missing_node_reads_as_empty()
    {
        Assert.True(EmulationEnvelope.TryRead("""{"extra":{"a":[1,2]},"session":"abc","data":"{}"}"""u8, out var envelope));

        Assert.Equal(string.Empty, envelope.Node);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("[]")]
    [InlineData("""{"node":"e1","data":"{}"}""")]
    [InlineData("""{"session":"","node":"e1","data":"{}"}""")]
    [InlineData("""{"session":"abc","node":"e1"}""")]
    [InlineData("""{"session":"abc","node":"e1","data":{"id":1}}""")]
    [InlineData("""{"session":1,"node":"e1","data":"{}"}""")]
    [InlineData("""{"session":"abc","data":"{}" """)]
    public void A_body_that_is_not_an_envelope_is_refused(string body)
    {
        Assert.False(EmulationEnvelope.TryRead(Encoding.UTF8.GetBytes(body), out _));
    }
}
