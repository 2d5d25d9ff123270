using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Classroom.Micro.Gateway.Emulation;
using Classroom.Micro.Gateway.Tests.Proxying;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Emulation;

/// <summary>
/// HTTP-streaming and SSE connections route like WebSockets; their <c>/emulation</c> requests reach the edge named by
/// the node token the gateway gave the connection, whichever gateway they reach and whatever the balancer would pick.
/// </summary>
public sealed class EmulationRoutingTests
{
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Every_emulation_request_reaches_the_edge_that_holds_the_stream()
    {
        await using var cluster = await GatewayCluster.StartAsync(3, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        var cancellation = TestContext.Current.CancellationToken;

        foreach (var classroom in new[] { "7", "42", "1001" })
        {
            var (edge, node) = await OpenStreamAsync(http, classroom, origin: null, cancellation);
            for (var i = 0; i < 5; i++)
            {
                using var response = await http.PostAsync("/emulation", Envelope(node), cancellation);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(edge, await response.Content.ReadAsStringAsync(cancellation));
            }
        }
    }

    [Fact]
    public async Task The_node_token_is_the_gateways_own_even_when_the_client_sends_one()
    {
        await using var cluster = await GatewayCluster.StartAsync(2, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connection/http_stream?classroom=42") { Content = new StringContent("{}") };
        request.Headers.Add(EdgeNodeToken.HeaderName, "forged");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var line = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        var edge = cluster.Edge(line.GetProperty("edge").GetString()!);
        Assert.Equal(EdgeNodeToken.For(edge.Address.AbsoluteUri), line.GetProperty("node").GetString());
    }

    [Fact]
    public async Task An_emulation_request_naming_an_unknown_node_gets_404_problem_details_and_reaches_no_edge()
    {
        await using var cluster = await GatewayCluster.StartAsync(2, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.PostAsync("/emulation", Envelope("e000000000000000000000000"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Unknown edge node", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.All(cluster.Edges, edge => Assert.Equal(0, edge.EmulationRequests));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"session":"s","data":"{}"}""")]
    [InlineData("""{"session":"s","node":7,"data":"{}"}""")]
    [InlineData("[]")]
    public async Task A_malformed_emulation_request_gets_400_problem_details(string body)
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };

        using var response = await http.PostAsync("/emulation", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_emulation_request_over_the_body_bound_gets_413_problem_details()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, "Gateway:MaxEmulationBodyBytes=2048");
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        var (_, node) = await OpenStreamAsync(http, "42", origin: null, TestContext.Current.CancellationToken);

        using var response = await http.PostAsync("/emulation", Envelope(node, new string('x', 4096)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_emulation_request_from_a_foreign_origin_is_refused_with_403()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        var (_, node) = await OpenStreamAsync(http, "42", origin: null, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/emulation") { Content = Envelope(node) };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, cluster.Edges[0].EmulationRequests);
    }

    [Fact]
    public void A_node_token_depends_only_on_the_edge_address_and_reveals_nothing_of_it()
    {
        var token = EdgeNodeToken.For("http://10.0.3.17:7400/");

        Assert.Equal(token, EdgeNodeToken.For("http://10.0.3.17:7400/"));
        Assert.NotEqual(token, EdgeNodeToken.For("http://10.0.3.18:7400/"));
        Assert.DoesNotContain("10.0.3.17", token, StringComparison.Ordinal);
    }

    private static async Task<(string Edge, string Node)> OpenStreamAsync(HttpClient http, string classroom, string? origin, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/connection/http_stream?classroom={classroom}") { Content = new StringContent("{}") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        var line = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation)).RootElement;
        return (line.GetProperty("edge").GetString()!, line.GetProperty("node").GetString()!);
    }

    private static JsonContent Envelope(string node, string data = "{}") =>
        JsonContent.Create(new Dictionary<string, string> { ["session"] = "s1", ["node"] = node, ["data"] = data });
}
