using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Transports.RawWebSockets;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>
/// The raw WebSocket path over a real Kestrel on loopback: the handshake is taken over (admission as on every
/// transport), frames flow both ways through a real session, and everything else reaches the HTTP pipeline untouched.
/// </summary>
public sealed class RawWebSocketHandshakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private RawWebSocketHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await RawWebSocketHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_websocket_is_taken_over_and_frames_flow_both_ways_until_the_servers_close_code()
    {
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Origin", RawWebSocketHost.AllowedOrigin);
        await client.ConnectAsync(_host.WebSocketUri, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var session = await _host.Opened.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Null(client.SubProtocol);
        Assert.Equal("127.0.0.1", _host.RemoteAddress);
        Assert.True(session.TryEnqueue("{\"push\":{}}"u8.ToArray()));
        Assert.Equal("{\"push\":{}}", await ReceiveTextAsync(client));

        session.Disconnect(Disconnects.Slow);
        var closing = await client.ReceiveAsync(new byte[1024], TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
        Assert.Equal((WebSocketCloseStatus)3008, client.CloseStatus);
        Assert.Equal("slow", client.CloseStatusDescription);
    }

    [Fact]
    public async Task The_gateways_forwarded_for_is_the_clients_address()
    {
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
        await client.ConnectAsync(_host.WebSocketUri, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await _host.Opened.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal("203.0.113.7", _host.RemoteAddress);
    }

    [Fact]
    public async Task The_session_runs_under_a_server_span_that_continues_the_gateways_trace()
    {
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        await client.ConnectAsync(_host.WebSocketUri, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await _host.Opened.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var span = _host.ConnectionSpan;
        Assert.NotNull(span);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_problem_details()
    {
        using var raw = await RawHttpClient.ConnectAsync(_host.Port);
        await raw.SendAsync(RawHttpClient.Handshake("Origin: https://evil.example"));

        var (head, body) = await raw.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Origin not allowed\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":403", body, StringComparison.Ordinal);
        Assert.False(_host.Opened.IsCompleted);
    }

    [Fact]
    public async Task A_draining_edge_refuses_a_websocket_with_503()
    {
        _host.Draining = true;
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(_host.WebSocketUri, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, client.HttpStatusCode);
        Assert.False(_host.Opened.IsCompleted);
    }

    /// <summary>Handshakes with a bad key, and a request to the path without the upgrade: not ours to take over.</summary>
    public static TheoryData<string> RequestsLeftToThePipeline => new()
    {
        RawHttpClient.Handshake("Sec-WebSocket-Key: c2hvcnQ="),
        RawHttpClient.Handshake("Sec-WebSocket-Key: not base64 at all, no!!"),
        "GET /connection/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(RequestsLeftToThePipeline))]
    public async Task A_bad_handshake_or_a_request_without_the_upgrade_goes_to_the_pipeline_and_gets_its_400(string request)
    {
        using var raw = await RawHttpClient.ConnectAsync(_host.Port);
        await raw.SendAsync(request);

        var (head, body) = await raw.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.Contains(RawWebSocketHost.PipelineAnswer, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_requests_and_a_kept_alive_connections_later_handshake_are_served_by_the_pipeline()
    {
        using var raw = await RawHttpClient.ConnectAsync(_host.Port);
        await raw.SendAsync("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var (head, body) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 200 ", head, StringComparison.Ordinal);
        Assert.Equal(RawWebSocketHost.PipelineAnswer, body);

        await raw.SendAsync(RawHttpClient.Handshake());
        (head, body) = await raw.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.Contains(RawWebSocketHost.PipelineAnswer, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handshake_answer_proves_the_key_and_a_ping_is_answered_with_its_payload()
    {
        using var raw = await RawHttpClient.ConnectAsync(_host.Port);
        await raw.SendAsync(RawHttpClient.Handshake());

        var (head, _) = await raw.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", head, StringComparison.Ordinal);
        // The RFC 6455 section 1.3 example.
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", head, StringComparison.Ordinal);

        await raw.SendAsync(ClientFrames.Frame(WebSocketOpcode.Ping, "hi"u8));
        Assert.Equal([0x8a, 2, (byte)'h', (byte)'i'], await raw.ReadBytesAsync(4));
    }

    [Fact]
    public async Task A_message_over_the_largest_frame_is_closed_with_1009()
    {
        using var client = await ConnectAsync();

        await client.SendAsync(new byte[2048], WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

        Assert.Equal(1009, await CloseCodeAsync(client));
    }

    [Fact]
    public async Task A_binary_message_is_a_bad_request_for_the_json_protocol()
    {
        using var client = await ConnectAsync();

        await client.SendAsync(new byte[] { 1, 2 }, WebSocketMessageType.Binary, endOfMessage: true, TestContext.Current.CancellationToken);

        Assert.Equal(3501, await CloseCodeAsync(client));
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_closed_with_1007()
    {
        using var client = await ConnectAsync();

        await client.SendAsync(new byte[] { 0x7b, 0xc3, 0x28, 0x7d }, WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

        Assert.Equal(1007, await CloseCodeAsync(client));
    }

    [Fact]
    public async Task An_unmasked_frame_is_closed_with_1002()
    {
        using var raw = await RawHttpClient.ConnectAsync(_host.Port);
        await raw.SendAsync(RawHttpClient.Handshake());
        await raw.ReadResponseAsync();

        await raw.SendAsync(ClientFrames.Frame(WebSocketOpcode.Text, "{}"u8, masked: false));

        var close = await raw.ReadBytesAsync(4);
        Assert.Equal(0x88, close[0]);
        Assert.Equal(1002, (close[2] << 8) | close[3]);
    }

    [Fact]
    public async Task A_clients_close_ends_its_session()
    {
        using var client = await ConnectAsync();
        var session = await _host.Opened.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(session.IsClosed);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    private static async Task<string> ReceiveTextAsync(WebSocket client)
    {
        var buffer = new byte[4096];
        var received = await client.ReceiveAsync(buffer, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    private static async Task<int> CloseCodeAsync(WebSocket client)
    {
        var received = await client.ReceiveAsync(new byte[1024], TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        return (int)client.CloseStatus!;
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var client = new ClientWebSocket();
        await client.ConnectAsync(_host.WebSocketUri, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await _host.Opened.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return client;
    }
}
