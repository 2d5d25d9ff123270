using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

/// <summary>Auth answers only callers that carry the deployment's internal key.</summary>
public sealed class InternalPlaneTests(AuthServiceFactory factory) : IClassFixture<AuthServiceFactory>
{
    [Fact]
    public async Task A_call_without_the_internal_key_is_unauthenticated()
    {
        using var channel = Channel(handler => handler);

        var call = new AuthService.AuthServiceClient(channel).ModerateAsync(
            new ModerateRequest { Action = ModerationAction.End, ClassroomId = "42", Actor = new Principal { UserId = "t1", Role = "teacher", Classrooms = { "42" } } },
            cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_call_with_another_key_is_unauthenticated()
    {
        using var channel = Channel(handler => new InternalKey(TestInternalKey.Value.ToUpperInvariant()).CreateHandler(handler));

        var call = new AuthService.AuthServiceClient(channel).ValidateTokenAsync(
            new ValidateTokenRequest { Token = TestTokens.Hs256(TestTokens.Claims(factory.Time.GetUtcNow())) },
            cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task The_health_service_answers_without_a_key()
    {
        using var channel = Channel(handler => handler);

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only-31-bytes-0123456789abcdefg")]
    public void A_missing_or_short_internal_key_fails_the_start(string? key)
    {
        var settings = new Dictionary<string, string?> { ["Auth:Hs256Secret"] = TestKeys.Secret, ["Internal:Key"] = key };
        using var host = new AuthServiceFactory(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Server);

        Assert.Contains("Internal:Key", error.Message + string.Join(' ', error.Failures), StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdefg", error.Message, StringComparison.Ordinal);
    }

    private GrpcChannel Channel(Func<HttpMessageHandler, HttpMessageHandler> wrap) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = wrap(factory.Server.CreateHandler()) });
}
