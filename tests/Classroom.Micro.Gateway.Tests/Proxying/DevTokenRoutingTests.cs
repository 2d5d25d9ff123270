using System.Net;
using System.Net.Http.Json;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Proxying;

public sealed class DevTokenRoutingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_dev_token_request_is_forwarded_to_auth()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 1, TimeSpan.FromMilliseconds(200));
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "teacher-1" }, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal("token-from-auth", body!.Token);
        Assert.Equal(1, cluster.Auth.DevTokenRequests);
        Assert.Equal("127.0.0.1", cluster.Auth.LastForwardedFor);
    }

    [Fact]
    public async Task When_auth_reports_not_ready_dev_tokens_are_still_forwarded_rather_than_refused_with_503()
    {
        // Auth is one Service address: ejecting it leaves nothing better to try, and /dev/token works without Redis.
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 1, TimeSpan.FromMilliseconds(100));
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        cluster.Auth.SetReady(false);
        await Eventually.HoldsAsync(() => cluster.Auth.FailedReadyProbes >= 4, Timeout, "the gateway saw auth fail its readiness probes");

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "teacher-1" }, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, cluster.Auth.DevTokenRequests);
    }

    [Fact]
    public async Task Only_post_reaches_the_dev_token_route()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 1, TimeSpan.FromMilliseconds(200));
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.GetAsync(new Uri("/dev/token", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(0, cluster.Auth.DevTokenRequests);
    }

    [Fact]
    public async Task The_gateway_reports_itself_ready()
    {
        await using var cluster = await GatewayCluster.StartAsync(edgeCount: 1, TimeSpan.FromMilliseconds(200));
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record TokenBody(string Token);
}
