using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Security;

/// <summary>
/// Issue #10: a socket that never sends <c>connect</c> is closed when <c>Edge:ConnectTimeout</c> passes with a close
/// frame carrying 3502, and the frame reaches the client through the real gateway (not an abrupt 1006).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ConnectDeadlineTests(ClusterFixture fixture)
{
    [Fact(Timeout = 60_000)]
    public async Task A_socket_that_never_sends_connect_gets_a_3502_close_frame_through_the_gateway()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, "deadline-" + Guid.NewGuid().ToString("N")[..8], cancellation);

        // Nothing sent: the next thing the server sends is its close frame (a missing frame throws here instead).
        var message = await client.NextAsync(cancellation);

        Assert.Null(message);
        Assert.Equal(3502, (int?)client.CloseStatus);
    }
}
