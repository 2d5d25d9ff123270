using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class ModerationStateOutageTests
{
    [Fact]
    public async Task Classroom_decision_is_unavailable_rather_than_made_without_the_moderation_state()
    {
        await using var factory = new AuthServiceFactory(new()
        {
            ["Auth:Hs256Secret"] = TestKeys.Secret,
            // Nothing listens there: the state cannot be read.
            ["Redis:Configuration"] = $"127.0.0.1:{FreePort.Next()},connectTimeout=200,abortConnect=false",
        });
        using var channel = factory.CreateGrpcChannel();
        var request = new AuthorizeChannelRequest
        {
            Principal = new Principal { UserId = "s1", Role = "student", Classrooms = { "math" } },
            Channel = "classroom:math",
            Action = ChannelAction.Publish,
        };

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            new AuthService.AuthServiceClient(channel).AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }
}
