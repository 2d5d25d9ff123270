using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.Testing;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class JwksTests : IAsyncLifetime
{
    private JwksServer _server = null!;
    private ValidatorHost _host = null!;

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    public async ValueTask InitializeAsync()
    {
        _server = await JwksServer.StartAsync(JwksServer.Document(JwksServer.RsaKey("rsa-1", TestKeys.Rsa), JwksServer.EcKey("ec-1", TestKeys.Ec)));
        _host = new ValidatorHost(new() { ["Auth:JwksUrl"] = _server.Url.ToString() });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Rs256_and_es256_tokens_verify_against_the_jwks_document()
    {
        var rs256 = await _host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("rsa-1"), SecurityAlgorithms.RsaSha256));
        var es256 = await _host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(Now), TestKeys.EcKey("ec-1"), SecurityAlgorithms.EcdsaSha256));

        Assert.Equal(TokenOutcome.Valid, rs256.Outcome);
        Assert.Equal(TokenOutcome.Valid, es256.Outcome);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task Document_is_fetched_at_start_and_again_every_refresh_interval()
    {
        await _host.StartAsync();
        await Eventually.HoldsAsync(() => _host.Jwks.HasKeys, TestClock.Timeout, "JWKS fetched at start");
        Assert.Equal(1, _server.Requests);

        _host.Time.Advance(JwksKeySource.RefreshInterval);

        await Eventually.HoldsAsync(() => _server.Requests == 2, TestClock.Timeout, "JWKS fetched again after the refresh interval");
    }

    [Fact]
    public async Task Key_rotated_in_at_the_issuer_is_fetched_when_a_token_names_its_kid()
    {
        var first = await _host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("rsa-1"), SecurityAlgorithms.RsaSha256));
        Assert.Equal(TokenOutcome.Valid, first.Outcome);

        _server.Publish(JwksServer.Document(JwksServer.RsaKey("rsa-2", TestKeys.OtherRsa)));
        _host.Time.Advance(JwksKeySource.UnknownKeyRefreshSpacing);
        var rotated = await _host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("rsa-2", TestKeys.OtherRsa), SecurityAlgorithms.RsaSha256));

        Assert.Equal(TokenOutcome.Valid, rotated.Outcome);
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Unknown_kids_refetch_the_document_at_most_once_per_spacing()
    {
        var forged = TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("made-up", TestKeys.OtherRsa), SecurityAlgorithms.RsaSha256);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var verdict = await _host.ValidateAsync(forged);
            Assert.Equal(TokenOutcome.Invalid, verdict.Outcome);
            Assert.Equal(RejectionReasons.BadSignature, verdict.Reason);
        }

        Assert.Equal(1, _server.Requests);

        _host.Time.Advance(JwksKeySource.UnknownKeyRefreshSpacing);
        await _host.ValidateAsync(forged);

        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Keys_already_fetched_keep_working_when_the_issuer_serves_garbage()
    {
        var token = TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("rsa-1"), SecurityAlgorithms.RsaSha256);
        Assert.Equal(TokenOutcome.Valid, (await _host.ValidateAsync(token)).Outcome);

        _server.Publish("<html>maintenance</html>");
        _host.Time.Advance(JwksKeySource.UnknownKeyRefreshSpacing);
        await _host.ValidateAsync(TestTokens.Sign(TestTokens.Claims(Now), TestKeys.RsaKey("unknown"), SecurityAlgorithms.RsaSha256));
        Assert.Equal(2, _server.Requests);

        Assert.Equal(TokenOutcome.Valid, (await _host.ValidateAsync(token)).Outcome);
    }
}
