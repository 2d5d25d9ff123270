using Classroom.Micro.Api.ServerApi;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

public sealed class ServerChannelsTests
{
    [Theory]
    [InlineData("classroom:42")]
    [InlineData("classroom:math-7_b")]
    [InlineData("personal:#student-1")]
    public void Channels_of_known_namespaces_exist(string channel)
    {
        Assert.Null(ServerChannels.Check(channel));
    }

    [Theory]
    [InlineData("lobby")]
    [InlineData("chat:1")]
    [InlineData("classroom:")]
    [InlineData("classroom:a/b")]
    [InlineData("personal:#")]
    [InlineData("personal:student-1")]
    public void Anything_else_is_an_unknown_channel(string channel)
    {
        Assert.Equal(102, ServerChannels.Check(channel)?.Code);
    }

    [Fact]
    public void A_missing_channel_is_a_bad_request_naming_the_field()
    {
        var error = ServerChannels.Check("");

        Assert.Equal(107, error?.Code);
        Assert.Contains("channel", error?.Message, StringComparison.Ordinal);
    }
}
