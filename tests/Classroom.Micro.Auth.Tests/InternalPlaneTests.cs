using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

/// <summary>
/// Auth answers only a caller that proves it is the edge, with an assertion signed by the edge's own key, for auth,
/// and current. The checks themselves live in services/defaults; these run them through the real service.
/// </summary>
public sealed class InternalPlaneTests(AuthServiceFactory factory) : IClassFixture<AuthServiceFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_without_an_assertion_is_unauthenticated()
    {
        var error = await ModerateAsync(handler => handler);

        Assert.Equal(StatusCode.Unauthenticated, error!.StatusCode);
    }

    [Fact]
    public async Task The_edge_with_its_own_key_is_answered()
    {
        var response = await new AuthService.AuthServiceClient(factory.CreateGrpcChannel()).ValidateTokenAsync(
            new ValidateTokenRequest { Token = TestTokens.Hs256(TestTokens.Claims(factory.Time.GetUtcNow())) }, cancellationToken: Cancel).ResponseAsync.WithTimeout();

        Assert.Equal(TokenStatus.Valid, response.Status);
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_than_the_named_callers_is_unauthenticated()
    {
        // A compromised api pod holds the api key only; signing "I am the edge" with it (or any key) is a forgery.
        using var forger = new CallerAssertionIssuer(InternalServices.Edge, TestInternalIdentities.PrivateKey(InternalServices.Api), factory.Time, TimeSpan.FromMinutes(5));

        var error = await ModerateAsync(handler => forger.To(InternalServices.Auth).CreateHandler(handler));

        Assert.Equal(StatusCode.Unauthenticated, error!.StatusCode);
        Assert.Contains("signature", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assertion_for_another_service_is_unauthenticated()
    {
        var error = await ModerateAsync(handler => TestInternalIdentities.Handler(InternalServices.Edge, InternalServices.Registry, handler, factory.Time));

        Assert.Equal(StatusCode.Unauthenticated, error!.StatusCode);
        Assert.Contains("another service", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_assertion_is_unauthenticated()
    {
        var past = new FakeTimeProvider(factory.Time.GetUtcNow() - TimeSpan.FromMinutes(10));
        using var issuer = new CallerAssertionIssuer(InternalServices.Edge, TestInternalIdentities.PrivateKey(InternalServices.Edge), past, TimeSpan.FromMinutes(5));

        var error = await ModerateAsync(handler => issuer.To(InternalServices.Auth).CreateHandler(handler));

        Assert.Equal(StatusCode.Unauthenticated, error!.StatusCode);
        Assert.Contains("expired", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_lived_assertion_is_unauthenticated()
    {
        // A day-long assertion would be a bearer password if it leaked; the server caps what it accepts.
        using var issuer = new CallerAssertionIssuer(InternalServices.Edge, TestInternalIdentities.PrivateKey(InternalServices.Edge), factory.Time, TimeSpan.FromDays(1));

        var error = await ModerateAsync(handler => issuer.To(InternalServices.Auth).CreateHandler(handler));

        Assert.Equal(StatusCode.Unauthenticated, error!.StatusCode);
    }

    [Theory]
    [InlineData(InternalServices.Api)]
    [InlineData(InternalServices.Registry)]
    [InlineData(InternalServices.Fanout)]
    public async Task Another_service_moderating_is_permission_denied_naming_the_caller(string caller)
    {
        var error = await ModerateAsync(handler => TestInternalIdentities.Handler(caller, InternalServices.Auth, handler, factory.Time));

        Assert.Equal(StatusCode.PermissionDenied, error!.StatusCode);
        Assert.Contains(caller, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Moderate", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_service_answers_without_an_assertion()
    {
        using var channel = Channel(handler => handler);

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel).ResponseAsync.WithTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("Internal:Identity", null, "Internal:Identity")]
    [InlineData("Internal:Identity", "teacher", "Internal:Identity")]
    [InlineData("Internal:PrivateKey", null, "Internal:PrivateKey")]
    [InlineData("Internal:PrivateKey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----", "Internal:PrivateKey")]
    [InlineData("Internal:Callers:edge", "not a key", "Internal:Callers:edge")]
    [InlineData("Internal:Callers:teacher", "not a key", "Internal:Callers:teacher")]
    public void A_missing_or_malformed_identity_fails_the_start(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>(TestInternalIdentities.Settings(InternalServices.Auth)) { ["Auth:Hs256Secret"] = TestKeys.Secret, [key] = value };
        using var host = new AuthServiceFactory(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Server);

        Assert.Contains(named, error.Message + string.Join(' ', error.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain("bm90IGEga2V5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_in_place_of_the_private_key_fails_the_start()
    {
        var settings = new Dictionary<string, string?>(TestInternalIdentities.Settings(InternalServices.Auth))
        {
            ["Auth:Hs256Secret"] = TestKeys.Secret,
            ["Internal:PrivateKey"] = TestInternalIdentities.PublicKey(InternalServices.Auth),
        };
        using var host = new AuthServiceFactory(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Server);

        Assert.Contains("Internal:PrivateKey", error.Message, StringComparison.Ordinal);
    }

    private async Task<RpcException?> ModerateAsync(Func<HttpMessageHandler, HttpMessageHandler> wrap)
    {
        using var channel = Channel(wrap);
        var call = new AuthService.AuthServiceClient(channel).ModerateAsync(
            new ModerateRequest { Action = ModerationAction.End, ClassroomId = "42", Actor = new Principal { UserId = "t1", Role = "teacher", Classrooms = { "42" } } },
            cancellationToken: Cancel);
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
    }

    private GrpcChannel Channel(Func<HttpMessageHandler, HttpMessageHandler> wrap) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = wrap(factory.Server.CreateHandler()) });
}
