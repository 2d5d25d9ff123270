using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Control;

/// <summary>
/// A connected <see cref="ClientSession"/> running over a real WebSocket on loopback TCP, with the client's end kept to
/// read what the session writes: its pushes and its close frame.
/// </summary>
internal sealed class LoopbackSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _clientConnection;
    private readonly TcpClient _serverConnection;
    private readonly WebSocket _client;
    private readonly Task _running;
    private readonly List<string> _texts = [];

    private readonly ConnectionHeartbeat _heartbeat;

    private LoopbackSession(TcpClient clientConnection, TcpClient serverConnection, WebSocket client, ClientSession session, ConnectionHeartbeat heartbeat)
    {
        _clientConnection = clientConnection;
        _serverConnection = serverConnection;
        _client = client;
        _heartbeat = heartbeat;
        Session = session;
        // No command is ever sent by the client end, so the session never asks its dispatcher for anything.
        _running = session.RunAsync(dispatcher: null!, CancellationToken.None);
    }

    public ClientSession Session { get; }

    /// <summary>The client's end of the socket.</summary>
    public WebSocket Client => _client;

    /// <summary>
    /// Opens a session of <paramref name="user"/> whose token expires at <paramref name="expiresAt"/> (null: never),
    /// as a successful connect leaves it (or, with no user, as a socket that has not connected yet), and adds it to
    /// <paramref name="sessions"/>.
    /// </summary>
    public static async Task<LoopbackSession> ConnectAsync(
        string? user, DateTimeOffset? expiresAt, SessionDirectory sessions, EdgeOptions options, TimeProvider time)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptTcpClientAsync();
        var clientConnection = new TcpClient();
        await clientConnection.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(Timeout);
        var serverConnection = await accepting.WaitAsync(Timeout);

        var server = WebSocket.CreateFromStream(serverConnection.GetStream(), new WebSocketCreationOptions { IsServer = true });
        var client = WebSocket.CreateFromStream(clientConnection.GetStream(), new WebSocketCreationOptions { IsServer = false });
        var metrics = new EdgeMetrics(new ServiceTelemetry("Classroom.Micro.Edge.Tests"), sessions);
        var heartbeat = new ConnectionHeartbeat(time, options.HeartbeatInterval);
        var session = new ClientSession(server, new EdgeIdentity(Options.Create(options)), options, metrics, time, NullLogger.Instance, heartbeat)
        {
            Identity = user is null ? null : new ConnectionIdentity(user),
        };
        session.ExpireAt(expiresAt);
        sessions.Add(session);
        return new LoopbackSession(clientConnection, serverConnection, client, session, heartbeat);
    }

    /// <summary>The next text message the client receives (one push, as nothing else is queued).</summary>
    public async Task<string> NextTextAsync()
    {
        var buffer = new byte[16 * 1024];
        var received = await _client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.True(received.EndOfMessage, "a push longer than the test's buffer");
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    /// <summary>Reads until the server's close frame; its code, and every text message that came before it.</summary>
    public async Task<(int Code, IReadOnlyList<string> Texts)> ClosedAsync()
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await _client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return ((int)received.CloseStatus!, _texts);
            }

            _texts.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Session.Disconnect(Disconnects.ConnectionClosed);
        _client.Abort();
        _client.Dispose();
        _clientConnection.Dispose();
        await _running.WaitAsync(Timeout);
        _serverConnection.Dispose();
        Session.Dispose();
        _heartbeat.Dispose();
    }
}
