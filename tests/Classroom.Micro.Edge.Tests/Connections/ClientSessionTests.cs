using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Tests.Control;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

/// <summary>
/// A session over a real loopback WebSocket: its writer coalesces what is pending and bounds it by bytes, its reads
/// rent a buffer only for a frame in flight, and the process heartbeat (on a fake clock) pings, enforces the pong and
/// connect deadlines.
/// </summary>
public sealed class ClientSessionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly SessionDirectory _sessions = new();
    private readonly List<LoopbackSession> _opened = [];

    private static EdgeOptions Options => new()
    {
        NodeId = "edge-1",
        PingInterval = TimeSpan.FromSeconds(25),
        PongGrace = TimeSpan.FromSeconds(8),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task The_heartbeat_pings_a_connected_client_once_the_ping_interval_has_passed()
    {
        var session = await OpenAsync(Options);

        _time.Advance(TimeSpan.FromSeconds(24));
        Assert.Equal(0, session.Session.QueueDepth);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("{}", await session.NextTextAsync());
        Assert.False(session.Session.IsClosed);
    }

    [Fact]
    public async Task A_client_silent_for_the_ping_interval_and_the_grace_is_closed_with_3012()
    {
        var session = await OpenAsync(Options);

        _time.Advance(TimeSpan.FromSeconds(33));
        Assert.False(session.Session.IsClosed, "the client has the ping interval plus the grace to answer");
        _time.Advance(TimeSpan.FromSeconds(1));

        var (code, texts) = await session.ClosedAsync();
        Assert.Equal(3012, code);
        Assert.Equal(["{}"], texts);
    }

    [Fact]
    public async Task A_socket_that_sends_no_connect_within_the_connect_timeout_is_closed_with_3502()
    {
        var session = await OpenAsync(Options, user: null);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(session.Session.IsClosed);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3502, (await session.ClosedAsync()).Code);
    }

    [Fact]
    public async Task The_heartbeat_closes_a_connection_whose_token_lapsed_with_3005_once_the_grace_has_passed()
    {
        var options = Options;
        options.PingInterval = TimeSpan.FromHours(1);
        options.ExpiredCloseDelay = TimeSpan.FromSeconds(10);
        var session = await OpenAsync(options, expiresAt: Start.AddSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(39));
        Assert.False(session.Session.IsClosed, "the grace lets the client refresh its token");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3005, (await session.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_frame_longer_than_the_first_rented_buffer_is_read_whole_before_it_is_judged()
    {
        var session = await OpenAsync(Options);

        // 10 KiB of text that is not a command: read across buffer growth, then rejected as a bad request, not as too big.
        await session.Client.SendAsync(Encoding.UTF8.GetBytes(new string('x', 10 * 1024)), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal(3501, (await session.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_frame_over_the_maximum_is_closed_with_1009()
    {
        var options = Options;
        options.MaxFrameBytes = 2048;
        var session = await OpenAsync(options);

        await session.Client.SendAsync(new byte[5000], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal(1009, (await session.ClosedAsync()).Code);
    }

    [Fact]
    public async Task Pushes_queued_faster_than_they_are_written_arrive_coalesced_into_fewer_frames_all_in_order()
    {
        var options = Options;
        options.OutboundQueueCapacity = 100_000;
        options.OutboundQueueBytes = 64 * 1024 * 1024;
        var session = await OpenAsync(options);
        const int Count = 3000;
        var padding = new string('p', 1000);

        for (var i = 0; i < Count; i++)
        {
            Assert.True(session.Session.TryEnqueue(Encoding.UTF8.GetBytes($$"""{"n":{{i}},"p":"{{padding}}"}""")));
        }

        session.Session.Disconnect(Classroom.Micro.Edge.Protocol.Disconnects.Shutdown);
        var (code, frames) = await WholeMessagesUntilClosedAsync(session.Client);
        var lines = frames.SelectMany(frame => frame.Split('\n')).ToList();

        Assert.Equal(3001, code);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"{{\"n\":{i},"), lines.Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)] + ","));
        Assert.True(frames.Count < Count, $"{frames.Count} frames for {Count} pushes: nothing was coalesced");
    }

    [Fact]
    public async Task A_client_that_lets_more_bytes_pile_up_than_the_bound_is_disconnected_as_slow_with_3008()
    {
        var options = Options;
        options.OutboundQueueCapacity = 1_000_000;
        options.OutboundQueueBytes = 64 * 1024;
        var session = await OpenAsync(options);
        var push = Encoding.UTF8.GetBytes($$"""{"p":"{{new string('p', 4000)}}"}""");

        // The client reads nothing: once the socket's buffers are full, the queue grows to its byte bound.
        var accepted = 0;
        while (accepted < 100_000 && session.Session.TryEnqueue(push))
        {
            accepted++;
        }

        Assert.True(session.Session.IsClosed, $"{accepted} pushes of 4 KB were queued without a disconnect");
        Assert.Equal(3008, (await session.ClosedAsync()).Code);
    }

    /// <summary>Every text message (frames reassembled) up to the close frame, and its code.</summary>
    private static async Task<(int Code, List<string> Messages)> WholeMessagesUntilClosedAsync(WebSocket client)
    {
        var messages = new List<string>();
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return ((int)received.CloseStatus!, messages);
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                messages.Add(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _opened)
        {
            await session.DisposeAsync();
        }
    }

    private async Task<LoopbackSession> OpenAsync(EdgeOptions options, string? user = "student-1", DateTimeOffset? expiresAt = null)
    {
        var session = await LoopbackSession.ConnectAsync(user, expiresAt, _sessions, options, _time);
        _opened.Add(session);
        return session;
    }
}
