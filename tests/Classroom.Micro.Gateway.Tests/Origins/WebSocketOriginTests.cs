using System.Net;
using System.Net.WebSockets;
using Classroom.Micro.Gateway.Tests.Proxying;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Origins;

/// <summary>The gateway's WebSocket handshake checks the browser's <c>Origin</c> (cross-site WebSocket hijacking).</summary>
public sealed class WebSocketOriginTests
{
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://127.0.0.1:8001")]
    [InlineData("https://school.example.org.evil.example")]
    [InlineData("https://evilschool.example.org")]
    [InlineData("https://school.example.org:8443")]
    [InlineData("null")]
    public async Task A_handshake_from_a_foreign_or_look_alike_origin_is_refused_with_403(string origin)
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, "Gateway:AllowedOrigins:0=https://school.example.org");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{cluster.Gateway.Address.Authority}/connection/websocket"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_refused_handshake_is_answered_with_problem_details()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes);
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connection/websocket");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://school.example.org")]
    [InlineData("HTTPS://School.Example.Org:443")]
    public async Task A_handshake_without_origin_or_from_an_allowed_origin_reaches_an_edge(string? origin)
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes, "Gateway:AllowedOrigins:0=https://school.example.org");

        using var socket = await cluster.Gateway.ConnectAsync("42", origin);
        var (edge, _) = await RunningGateway.ReadGreetingAsync(socket);

        Assert.Equal("edge-1", edge);
    }

    [Fact]
    public async Task The_gateway_s_own_origin_is_allowed_by_default()
    {
        await using var cluster = await GatewayCluster.StartAsync(1, FastProbes);

        using var socket = await cluster.Gateway.ConnectAsync("42", $"http://{cluster.Gateway.Address.Authority}");
        var (edge, _) = await RunningGateway.ReadGreetingAsync(socket);

        Assert.Equal("edge-1", edge);
    }
}
