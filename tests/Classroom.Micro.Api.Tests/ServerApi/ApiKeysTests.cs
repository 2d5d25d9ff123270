using Classroom.Micro.Api.ServerApi;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

public sealed class ApiKeysTests
{
    private static ApiKeys Keys(params string[] keys) => new(Options.Create(new ServerApiOptions { Keys = [.. keys] }));

    [Fact]
    public void A_configured_key_is_accepted()
    {
        var keys = Keys("first-key-123", "second-key-456");

        Assert.True(keys.Accepts("first-key-123"));
        Assert.True(keys.Accepts("second-key-456"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("first-key-12")]
    [InlineData("first-key-1234")]
    [InlineData("FIRST-KEY-123")]
    [InlineData("second-key-123")]
    public void Anything_but_a_configured_key_is_refused(string? presented)
    {
        Assert.False(Keys("first-key-123").Accepts(presented));
    }

    [Fact]
    public void Without_keys_the_api_is_disabled_and_accepts_nothing()
    {
        var keys = Keys();

        Assert.False(keys.IsEnabled);
        Assert.False(keys.Accepts("first-key-123"));
    }

    [Theory]
    [InlineData("secret-value", "secret-value", true)]
    [InlineData("secret-value", "secret-valuf", false)]
    [InlineData("secret-value", "secret-value-longer", false)]
    [InlineData("secret-value", "secret", false)]
    [InlineData("", "", true)]
    public void Constant_time_comparison_matches_exactly_equal_secrets_of_any_length(string left, string right, bool same)
    {
        Assert.Equal(same, ApiKeys.SameSecret(left, right));
        Assert.Equal(same, ApiKeys.SameSecret(right, left));
    }
}
