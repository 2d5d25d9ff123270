using System.Diagnostics.Metrics;
using System.Text.Json;
using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.Tokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class TokenValidatorTests : IAsyncLifetime
{
    private ValidatorHost _host = null!;

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    public ValueTask InitializeAsync()
    {
        _host = new ValidatorHost(ValidatorHost.Hs256Settings());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Hs256_token_signed_with_the_secret_is_valid_with_its_principal()
    {
        var claims = TestTokens.Claims(Now);
        claims["role"] = "teacher";
        claims["channels"] = new[] { "personal:#u1" };

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
        Assert.Equal("", verdict.Reason);
        var principal = Assert.IsType<UserPrincipal>(verdict.Principal);
        Assert.Equal("u1", principal.UserId);
        Assert.Equal("Ann", principal.Name);
        Assert.Equal(UserRole.Teacher, principal.Role);
        Assert.Equal(["math"], principal.Classrooms);
        Assert.Equal(["personal:#u1"], principal.Channels);
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), principal.ExpiresAtUnix);
        Assert.Equal(Now.ToUnixTimeSeconds(), principal.IssuedAtUnix);
        Assert.Equal("", principal.InfoJson);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_is_invalid_with_bad_signature()
    {
        var token = TestTokens.Sign(TestTokens.Claims(Now), TestKeys.OtherHs256, SecurityAlgorithms.HmacSha256);

        var verdict = await _host.ValidateAsync(token);

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.BadSignature, verdict.Reason);
        Assert.Null(verdict.Principal);
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_invalid()
    {
        var parts = TestTokens.Hs256(TestTokens.Claims(Now)).Split('.');
        var claims = TestTokens.Claims(Now);
        claims["classrooms"] = new[] { "math", "physics" };
        var forgedPayload = TestTokens.Hs256(claims).Split('.')[1];

        var verdict = await _host.ValidateAsync($"{parts[0]}.{forgedPayload}.{parts[2]}");

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.BadSignature, verdict.Reason);
    }

    [Fact]
    public async Task Correctly_signed_token_past_its_exp_is_expired()
    {
        var claims = TestTokens.Claims(Now.AddHours(-2));

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Expired, verdict.Outcome);
        Assert.Equal(RejectionReasons.Expired, verdict.Reason);
        Assert.Null(verdict.Principal);
    }

    [Fact]
    public async Task Expired_token_with_a_bad_signature_is_invalid_not_expired()
    {
        var token = TestTokens.Sign(TestTokens.Claims(Now.AddHours(-2)), TestKeys.OtherHs256, SecurityAlgorithms.HmacSha256);

        var verdict = await _host.ValidateAsync(token);

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.BadSignature, verdict.Reason);
    }

    [Fact]
    public async Task Token_that_expired_within_the_clock_skew_is_still_valid()
    {
        var claims = TestTokens.Claims(Now.AddHours(-1));
        claims["exp"] = Now.AddSeconds(-10).ToUnixTimeSeconds();

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public async Task Token_becomes_expired_once_the_clock_passes_exp_plus_skew()
    {
        var claims = TestTokens.Claims(Now);
        claims["exp"] = Now.AddSeconds(60).ToUnixTimeSeconds();
        var token = TestTokens.Hs256(claims);

        _host.Time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(TokenOutcome.Valid, (await _host.ValidateAsync(token)).Outcome);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenOutcome.Expired, (await _host.ValidateAsync(token)).Outcome);
    }

    [Fact]
    public async Task Token_whose_nbf_is_beyond_the_skew_in_the_future_is_invalid()
    {
        var claims = TestTokens.Claims(Now);
        claims["nbf"] = Now.AddMinutes(5).ToUnixTimeSeconds();

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.NotYetValid, verdict.Reason);
    }

    [Fact]
    public async Task Token_whose_nbf_is_within_the_skew_is_valid()
    {
        var claims = TestTokens.Claims(Now);
        claims["nbf"] = Now.AddSeconds(20).ToUnixTimeSeconds();

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public async Task Token_without_exp_is_refused_by_default()
    {
        var claims = TestTokens.Claims(Now);
        claims.Remove("exp");

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.MissingExpiry, verdict.Reason);
    }

    [Fact]
    public async Task Token_issued_beyond_the_skew_in_the_future_is_refused()
    {
        var claims = TestTokens.Claims(Now.AddMinutes(5));

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.IssuedInFuture, verdict.Reason);
    }

    [Fact]
    public async Task Token_issued_within_the_skew_in_the_future_is_valid()
    {
        var claims = TestTokens.Claims(Now.AddSeconds(20));

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public async Task Token_without_exp_is_valid_and_reports_no_expiry_when_expiry_is_not_required()
    {
        await using var host = new ValidatorHost(new() { ["Auth:Hs256Secret"] = TestKeys.Secret, ["Auth:RequireExpiry"] = "false" });
        var claims = TestTokens.Claims(Now);
        claims.Remove("exp");
        claims.Remove("iat");

        var verdict = await host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
        Assert.Equal(0, verdict.Principal!.ExpiresAtUnix);
        Assert.Equal(0, verdict.Principal.IssuedAtUnix);
    }

    [Fact]
    public async Task Alg_none_token_is_invalid()
    {
        var verdict = await _host.ValidateAsync(TestTokens.Unsigned(TestTokens.Claims(Now)));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.AlgorithmNotAllowed, verdict.Reason);
    }

    [Fact]
    public async Task Hs256_token_is_invalid_when_only_rs256_is_accepted()
    {
        await using var host = new ValidatorHost(new()
        {
            ["Auth:Hs256Secret"] = TestKeys.Secret,
            ["Auth:PublicKeys:0"] = TestKeys.RsaPublicPem,
            ["Auth:Algorithms:0"] = "RS256",
        });
        var now = host.Time.GetUtcNow();

        var hs256 = await host.ValidateAsync(TestTokens.Hs256(TestTokens.Claims(now)));
        var rs256 = await host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(now), TestKeys.RsaKey(), SecurityAlgorithms.RsaSha256));

        Assert.Equal(TokenOutcome.Invalid, hs256.Outcome);
        Assert.Equal(RejectionReasons.AlgorithmNotAllowed, hs256.Reason);
        Assert.Equal(TokenOutcome.Valid, rs256.Outcome);
    }

    [Fact]
    public async Task Rs256_and_es256_tokens_verify_against_pem_public_keys()
    {
        await using var host = new ValidatorHost(new()
        {
            ["Auth:PublicKeys:0"] = TestKeys.RsaPublicPem,
            ["Auth:PublicKeys:1"] = TestKeys.EcPublicPem,
        });
        var now = host.Time.GetUtcNow();

        var rs256 = await host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(now), TestKeys.RsaKey(), SecurityAlgorithms.RsaSha256));
        var es256 = await host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(now), TestKeys.EcKey(), SecurityAlgorithms.EcdsaSha256));
        var otherRsa = await host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(now), TestKeys.RsaKey(rsa: TestKeys.OtherRsa), SecurityAlgorithms.RsaSha256));

        Assert.Equal(TokenOutcome.Valid, rs256.Outcome);
        Assert.Equal(TokenOutcome.Valid, es256.Outcome);
        Assert.Equal(TokenOutcome.Invalid, otherRsa.Outcome);
        Assert.Equal(RejectionReasons.BadSignature, otherRsa.Reason);
    }

    [Fact]
    public async Task Hs256_token_is_not_accepted_by_a_service_with_only_public_keys()
    {
        await using var host = new ValidatorHost(new() { ["Auth:PublicKeys:0"] = TestKeys.RsaPublicPem });

        var verdict = await host.ValidateAsync(TestTokens.Hs256(TestTokens.Claims(host.Time.GetUtcNow())));

        Assert.Equal(RejectionReasons.AlgorithmNotAllowed, verdict.Reason);
    }

    [Theory]
    [InlineData("https://issuer.example", "classroom", RejectionReasons.Issuer)]
    [InlineData("https://other.example", "other-app", RejectionReasons.Audience)]
    [InlineData(null, "classroom", RejectionReasons.Issuer)]
    [InlineData("https://other.example", null, RejectionReasons.Audience)]
    public async Task Token_with_the_wrong_issuer_or_audience_is_invalid(string? issuer, string? audience, string reason)
    {
        await using var host = new ValidatorHost(new()
        {
            ["Auth:Hs256Secret"] = TestKeys.Secret,
            ["Auth:Issuer"] = "https://other.example",
            ["Auth:Audience"] = "classroom",
        });
        var claims = TestTokens.Claims(host.Time.GetUtcNow());
        claims["iss"] = issuer;
        claims["aud"] = audience;

        var verdict = await host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public async Task Token_with_the_configured_issuer_and_audience_is_valid()
    {
        await using var host = new ValidatorHost(new()
        {
            ["Auth:Hs256Secret"] = TestKeys.Secret,
            ["Auth:Issuer"] = "https://issuer.example",
            ["Auth:Audience"] = "classroom",
        });
        var claims = TestTokens.Claims(host.Time.GetUtcNow());
        claims["iss"] = "https://issuer.example";
        claims["aud"] = "classroom";

        var verdict = await host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public async Task Token_without_sub_is_invalid()
    {
        var claims = TestTokens.Claims(Now);
        claims.Remove("sub");

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.MissingSubject, verdict.Reason);
    }

    [Fact]
    public async Task Token_with_an_unknown_role_is_invalid()
    {
        var claims = TestTokens.Claims(Now);
        claims["role"] = "admin";

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.Role, verdict.Reason);
    }

    [Fact]
    public async Task Token_without_role_is_a_student()
    {
        var claims = TestTokens.Claims(Now);
        claims.Remove("role");

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(UserRole.Student, verdict.Principal!.Role);
    }

    [Fact]
    public async Task Classroom_ids_given_as_numbers_become_strings()
    {
        var claims = TestTokens.Claims(Now);
        claims["classrooms"] = new object[] { 42, "math", 7 };

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(["42", "math", "7"], verdict.Principal!.Classrooms);
    }

    [Fact]
    public async Task Info_object_is_preserved_as_raw_json()
    {
        var claims = TestTokens.Claims(Now);
        claims["info"] = new { avatar = "https://x.example/a.png", badges = new object[] { 1, "gold" }, nested = new { ok = true } };

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal("""{"avatar":"https://x.example/a.png","badges":[1,"gold"],"nested":{"ok":true}}""", verdict.Principal!.InfoJson);
    }

    [Theory]
    [InlineData("classrooms", "\"math\"")]
    [InlineData("classrooms", "[1.5]")]
    [InlineData("info", "[1,2]")]
    [InlineData("channels", "[3]")]
    [InlineData("name", "7")]
    [InlineData("exp", "\"tomorrow\"")]
    public async Task Token_with_a_malformed_claim_is_invalid(string claim, string json)
    {
        var claims = TestTokens.Claims(Now);
        claims[claim] = JsonDocument.Parse(json).RootElement;

        var verdict = await _host.ValidateAsync(TestTokens.Hs256(claims));

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.Malformed, verdict.Reason);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30")]
    public async Task Garbage_is_invalid_as_malformed(string token)
    {
        var verdict = await _host.ValidateAsync(token);

        Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
        Assert.Equal(RejectionReasons.Malformed, verdict.Reason);
    }

    [Fact]
    public async Task Rejections_are_counted_by_reason()
    {
        var reasons = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter == _host.Telemetry.Meter && instrument.Name == TokenRejectionMetrics.InstrumentName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    lock (reasons)
                    {
                        reasons.Add($"{tag.Value}x{value}");
                    }
                }
            }
        });
        listener.Start();

        await _host.ValidateAsync(TestTokens.Hs256(TestTokens.Claims(Now)));
        await _host.ValidateAsync(TestTokens.Unsigned(TestTokens.Claims(Now)));
        await _host.ValidateAsync(TestTokens.Hs256(TestTokens.Claims(Now.AddDays(-1))));

        Assert.Equal([$"{RejectionReasons.AlgorithmNotAllowed}x1", $"{RejectionReasons.Expired}x1"], reasons);
    }
}
