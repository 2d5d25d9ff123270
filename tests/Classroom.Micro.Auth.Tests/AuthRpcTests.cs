using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class AuthRpcTests(AuthServiceFactory factory) : IClassFixture<AuthServiceFactory>, IDisposable
{
    private readonly GrpcChannel _channel = factory.CreateGrpcChannel();

    private AuthService.AuthServiceClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Valid_token_comes_back_with_its_principal()
    {
        var claims = TestTokens.Claims(factory.Time.GetUtcNow());
        claims["classrooms"] = new object[] { "math", 42 };
        claims["info"] = new { color = "teal" };

        var response = await Client.ValidateTokenAsync(new ValidateTokenRequest { Token = TestTokens.Hs256(claims) }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(TokenStatus.Valid, response.Status);
        Assert.Equal("", response.Reason);
        Assert.Equal("u1", response.Principal.UserId);
        Assert.Equal("Ann", response.Principal.Name);
        Assert.Equal("student", response.Principal.Role);
        Assert.Equal(["math", "42"], response.Principal.Classrooms);
        Assert.Equal("""{"color":"teal"}""", response.Principal.InfoJson);
        Assert.Equal(factory.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), response.Principal.ExpiresAtUnix);
    }

    [Fact]
    public async Task Expired_token_is_reported_as_expired_without_a_principal()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(factory.Time.GetUtcNow().AddDays(-1)));

        var response = await Client.ValidateTokenAsync(new ValidateTokenRequest { Token = token }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(TokenStatus.Expired, response.Status);
        Assert.Equal("expired", response.Reason);
        Assert.Null(response.Principal);
    }

    [Fact]
    public async Task Forged_token_is_invalid_and_the_reason_does_not_echo_it()
    {
        var token = TestTokens.Unsigned(TestTokens.Claims(factory.Time.GetUtcNow()));

        var response = await Client.ValidateTokenAsync(new ValidateTokenRequest { Token = token }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(TokenStatus.Invalid, response.Status);
        Assert.Equal("algorithm_not_allowed", response.Reason);
    }

    [Fact]
    public async Task Empty_token_fails_with_invalid_argument_naming_the_field()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ValidateTokenAsync(new ValidateTokenRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains("token", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classroom:math", ChannelAction.Subscribe, ChannelDecision.Allowed)]
    [InlineData("classroom:42", ChannelAction.Publish, ChannelDecision.Allowed)]
    [InlineData("classroom:physics", ChannelAction.Subscribe, ChannelDecision.Denied)]
    [InlineData("personal:#s1", ChannelAction.History, ChannelDecision.Allowed)]
    [InlineData("personal:#s2", ChannelAction.Subscribe, ChannelDecision.Denied)]
    [InlineData("personal:#s2", ChannelAction.Publish, ChannelDecision.Denied)]
    [InlineData("lobby:main", ChannelAction.Subscribe, ChannelDecision.UnknownChannel)]
    public async Task Channel_decisions_follow_the_policy(string channel, ChannelAction action, ChannelDecision expected)
    {
        var request = new AuthorizeChannelRequest { Principal = Student(), Channel = channel, Action = action };

        var response = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(expected, response.Decision);
    }

    [Fact]
    public async Task Teacher_principal_may_publish_to_the_personal_channel_of_a_student_in_their_class()
    {
        var teacher = Student();
        teacher.UserId = "t1";
        teacher.Role = "teacher";
        factory.Registry.Subscribe("s1", "classroom:42");
        var request = new AuthorizeChannelRequest { Principal = teacher, Channel = "personal:#s1", Action = ChannelAction.Publish };

        var response = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Allowed, response.Decision);
        // Attendance changes with no event on the teacher's connection: the edge must ask again next time.
        Assert.False(response.Cacheable);
    }

    [Theory]
    [InlineData("classroom:math", ChannelAction.Publish)]
    [InlineData("classroom:math", ChannelAction.Subscribe)]
    [InlineData("personal:#s1", ChannelAction.Subscribe)]
    [InlineData("personal:#s1", ChannelAction.History)]
    public async Task Allowed_decisions_that_no_silent_change_can_undo_may_be_cached(string channel, ChannelAction action)
    {
        var request = new AuthorizeChannelRequest { Principal = Student(), Channel = channel, Action = action };

        var response = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Allowed, response.Decision);
        Assert.True(response.Cacheable);
    }

    [Fact]
    public async Task Teacher_principal_may_not_publish_to_the_personal_channel_of_someone_not_in_their_class()
    {
        var teacher = Student();
        teacher.UserId = "t1";
        teacher.Role = "teacher";
        factory.Registry.Subscribe("s9", "classroom:physics");
        var request = new AuthorizeChannelRequest { Principal = teacher, Channel = "personal:#s9", Action = ChannelAction.Publish };

        var response = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Denied, response.Decision);
    }

    [Fact]
    public async Task Principal_returned_by_validate_token_authorizes_its_classroom()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(factory.Time.GetUtcNow()));
        var validated = await Client.ValidateTokenAsync(new ValidateTokenRequest { Token = token }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        var response = await Client.AuthorizeChannelAsync(new AuthorizeChannelRequest
        {
            Principal = validated.Principal,
            Channel = "classroom:math",
            Action = ChannelAction.Subscribe,
        }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Allowed, response.Decision);
    }

    public static TheoryData<string, string> BadAuthorizeRequests => new()
    {
        { "no-principal", "principal" },
        { "no-channel", "channel" },
        { "no-action", "action" },
        { "no-user", "principal.user_id" },
        { "bad-role", "principal.role" },
    };

    [Theory]
    [MemberData(nameof(BadAuthorizeRequests))]
    public async Task Incomplete_authorize_request_fails_with_invalid_argument_naming_the_field(string defect, string field)
    {
        var request = new AuthorizeChannelRequest { Principal = Student(), Channel = "classroom:math", Action = ChannelAction.Subscribe };
        switch (defect)
        {
            case "no-principal":
                request.Principal = null;
                break;
            case "no-channel":
                request.Channel = "";
                break;
            case "no-action":
                request.Action = ChannelAction.Unspecified;
                break;
            case "no-user":
                request.Principal.UserId = "";
                break;
            case "bad-role":
                request.Principal.Role = "admin";
                break;
        }

        var failure = await Assert.ThrowsAsync<RpcException>(() => Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith(field, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_health_service_reports_serving()
    {
        var health = new Health.HealthClient(_channel);

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    private static Principal Student() => new() { UserId = "s1", Name = "Sam", Role = "student", Classrooms = { "math", "42" } };
}
