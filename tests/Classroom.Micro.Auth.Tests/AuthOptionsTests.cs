using Classroom.Micro.Auth.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class AuthOptionsTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Auth:Hs256Secret", null, "at least one key source" },
        { "Auth:Hs256Secret", "too-short", "Hs256Secret must be at least 32 bytes" },
        { "Auth:ClockSkew", "00:00:31", "ClockSkew" },
        { "Auth:PublicKeys:0", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "Auth:PublicKeys:0" },
        { "Auth:JwksUrl", "file:///etc/keys.json", "Auth:JwksUrl" },
        { "Auth:Algorithms:0", "none", "'none' is not supported" },
        { "Auth:Algorithms:0", "RS256", "RS256 needs Auth:PublicKeys or Auth:JwksUrl" },
        { "Auth:DevTokens:Lifetime", "30.00:00:00", "Auth:DevTokens:Lifetime" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Service_refuses_to_start_with_bad_settings(string key, string? value, string message)
    {
        var settings = ValidatorHost.Hs256Settings();
        settings[key] = value;
        await using var host = new ValidatorHost(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_tokens_cannot_be_enabled_without_a_secret()
    {
        await using var host = new ValidatorHost(new()
        {
            ["Auth:PublicKeys:0"] = TestKeys.RsaPublicPem,
            ["Auth:DevTokens:Enabled"] = "true",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("Auth:DevTokens:Enabled needs Auth:Hs256Secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_starts_with_a_secret_alone()
    {
        await using var host = new ValidatorHost(ValidatorHost.Hs256Settings());

        await host.StartAsync();
    }
}
