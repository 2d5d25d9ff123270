using System.Net;
using Classroom.Micro.Gateway.Tests.Proxying;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Limits;

/// <summary>The gateway limits connection attempts per client address; emulation requests do not count.</summary>
public sealed class ConnectRateLimitTests
{
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Connection_attempts_over_the_burst_get_429_problem_details_with_retry_after()
    {
        // One token a second back: the burst is spent long before a token returns on any machine.
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, "Gateway:ConnectRateBurst=3", "Gateway:ConnectRatePerSecond=1");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        var cancellation = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.PostAsync("/connection/http_stream?classroom=42", new StringContent("{}"), cancellation);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
    }

    [Fact]
    public async Task Emulation_requests_and_other_paths_are_not_counted_as_connection_attempts()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, "Gateway:ConnectRateBurst=1", "Gateway:ConnectRatePerSecond=1");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        var cancellation = TestContext.Current.CancellationToken;

        for (var i = 0; i < 5; i++)
        {
            using var unknownNode = await http.PostAsync("/emulation", new StringContent("""{"session":"s","node":"e0","data":"{}"}"""), cancellation);
            Assert.Equal(HttpStatusCode.NotFound, unknownNode.StatusCode);
            using var health = await http.GetAsync("/health/live", cancellation);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var connect = await http.PostAsync("/connection/http_stream", new StringContent("{}"), cancellation);
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
    }
}
