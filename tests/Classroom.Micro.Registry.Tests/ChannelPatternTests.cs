using Classroom.Micro.Registry.Channels;
using Xunit;

namespace Classroom.Micro.Registry.Tests;

public sealed class ChannelPatternTests
{
    [Theory]
    [InlineData("", "classroom:1", true)]
    [InlineData("classroom:1", "classroom:1", true)]
    [InlineData("classroom:1", "classroom:12", false)]
    [InlineData("classroom:*", "classroom:42", true)]
    [InlineData("*", "personal:#u-1", true)]
    [InlineData("classroom:?", "classroom:4", true)]
    [InlineData("classroom:?", "classroom:42", false)]
    [InlineData("classroom:[0-3]", "classroom:2", true)]
    [InlineData("classroom:[0-3]", "classroom:7", false)]
    [InlineData("classroom:[!0-3]", "classroom:7", true)]
    [InlineData("{classroom,personal}:*", "personal:#u-1", true)]
    [InlineData("{classroom,personal}:*", "lobby:1", false)]
    [InlineData(@"personal:\#*", "personal:#u-1", true)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData("classroom.1", "classroom:1", false)]
    [InlineData("(a|b)", "a", false)]
    [InlineData("room:[a-c-0]", "room:-", true)]
    public void A_glob_matches_channel_names_as_Centrifugo_globs_do(string glob, string channel, bool matches)
    {
        Assert.True(ChannelPattern.TryParse(glob, out var pattern, out var problem), problem);

        Assert.Equal(matches, pattern.Matches(channel));
    }

    [Theory]
    [InlineData("classroom:[1", "'['")]
    [InlineData("classroom:[]", "empty")]
    [InlineData("{classroom", "'{'")]
    [InlineData("classroom}", "'}'")]
    [InlineData(@"classroom\", "'\\'")]
    [InlineData("classroom:[9-0]", "reversed range '9-0'")]
    public void A_malformed_glob_is_refused_saying_what_is_wrong(string glob, string mentioned)
    {
        Assert.False(ChannelPattern.TryParse(glob, out _, out var problem));

        Assert.Contains(mentioned, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_longer_than_the_limit_is_refused()
    {
        Assert.False(ChannelPattern.TryParse(new string('a', ChannelPattern.MaxLength + 1), out _, out _));
    }
}
