using System.Net;
using Classroom.Micro.Gateway.Tests.Proxying;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Origins;

/// <summary>The HTTP fallbacks answer CORS for allowed origins only, so a portal on another allowed origin can use them.</summary>
public sealed class EmulationCorsTests
{
    private const string Portal = "https://portal.example.org";
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("/connection/http_stream")]
    [InlineData("/emulation")]
    public async Task A_preflight_from_an_allowed_origin_is_answered_by_the_gateway(string path)
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, $"Gateway:AllowedOrigins:0={Portal}");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.SendAsync(Preflight(path, Portal), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Portal, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("Content-Type", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(0, cluster.Edges.Sum(edge => edge.EmulationRequests));
    }

    [Fact]
    public async Task A_preflight_from_a_foreign_origin_is_refused_without_cors_headers()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, $"Gateway:AllowedOrigins:0={Portal}");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.SendAsync(Preflight("/emulation", "https://evil.example"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_allowed_cross_origin_stream_is_readable_by_that_origin()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, $"Gateway:AllowedOrigins:0={Portal}");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connection/http_stream") { Content = new StringContent("{\"id\":1,\"connect\":{}}") };
        request.Headers.Add("Origin", Portal);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Portal, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task The_websocket_path_gets_no_cors_headers()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, $"Gateway:AllowedOrigins:0={Portal}");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.SendAsync(Preflight("/connection/websocket", Portal), TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
