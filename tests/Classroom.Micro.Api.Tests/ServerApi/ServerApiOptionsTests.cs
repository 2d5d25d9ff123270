using System.ComponentModel.DataAnnotations;
using Classroom.Micro.Api.ServerApi;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

public sealed class ServerApiOptionsTests
{
    private static List<ValidationResult> Validate(ServerApiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static List<Uri> Fanout() => [new Uri("http://127.0.0.1:7301")];

    [Fact]
    public void No_keys_is_valid_and_means_disabled()
    {
        Assert.Empty(Validate(new ServerApiOptions { FanoutAddresses = Fanout() }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("only-31-characters-0123456789ab")]
    [InlineData("   padded-key   ")]
    public void A_short_blank_or_padded_key_is_rejected_without_echoing_it(string key)
    {
        var results = Validate(new ServerApiOptions { FanoutAddresses = Fanout(), Keys = ["a-good-key-1-0123456789abcdef0123", key] });

        var result = Assert.Single(results);
        Assert.Contains("Api:Keys:1", result.ErrorMessage, StringComparison.Ordinal);
        Assert.True(key.Trim().Length == 0 || !result.ErrorMessage!.Contains(key.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void No_fanout_replica_or_a_malformed_one_is_rejected()
    {
        Assert.Contains(Validate(new ServerApiOptions()), result => result.MemberNames.Contains(nameof(ServerApiOptions.FanoutAddresses)));
        Assert.NotEmpty(Validate(new ServerApiOptions { FanoutAddresses = [new Uri("ftp://127.0.0.1:7301")] }));
    }

    [Fact]
    public void A_tiny_request_limit_is_rejected()
    {
        Assert.NotEmpty(Validate(new ServerApiOptions { FanoutAddresses = Fanout(), MaxRequestBytes = 10 }));
    }
}
