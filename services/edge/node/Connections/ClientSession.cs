using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;

namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// One client WebSocket. The read loop parses frames and hands commands to the <see cref="CommandDispatcher"/>
/// one at a time; a single write loop drains the bounded <see cref="OutboundQueue"/>, batching whatever is
/// queued into one frame. Nothing one socket does blocks another.
/// </summary>
internal sealed class ClientSession : IDisposable
{
    private const int MaxBatchBytes = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly OutboundQueue _queue;
    private readonly EdgeOptions _options;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private DisconnectReason? _closeReason;
    private int _closed;
    private readonly ConnectionExpiry _expiry;
    private long _lastReceivedTicks;

    public ClientSession(WebSocket socket, EdgeIdentity identity, EdgeOptions options, EdgeMetrics metrics, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = new OutboundQueue(options.OutboundQueueCapacity);
        EdgeId = identity.NodeId;
        ClientId = Guid.NewGuid().ToString();
        ConnectedAt = time.GetUtcNow();
        _lastReceivedTicks = time.GetTimestamp();
        _expiry = new ConnectionExpiry(time, options.ExpiredCloseDelay, () => Disconnect(Disconnects.Expired));
    }

    /// <summary>The protocol's <c>client</c>: unique per connection.</summary>
    public string ClientId { get; }

    public string EdgeId { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Who the connection belongs to; null until a connect succeeded.</summary>
    public Principal? Principal { get; set; }

    /// <summary>The connection's public info (shown to others as <c>conn_info</c>).</summary>
    public RawJson ConnInfo { get; set; }

    /// <summary>When the token lapses; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt => _expiry.ExpiresAt;

    /// <summary>Channels this connection is subscribed (or subscribing) to.</summary>
    public ConcurrentDictionary<string, SubscribeCommand> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers of auth for this connection, asked once per channel and action.</summary>
    /// <remarks>Concurrent: control commands (mute, kick) clear entries from the fanout link's thread.</remarks>
    public ConcurrentDictionary<(string Channel, ChannelAction Action), ChannelDecision> Permissions { get; } = new();

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Replies and pushes waiting to be written to the socket.</summary>
    public int QueueDepth => _queue.Depth;

    /// <summary>Closes the connection with 3005 when the token lapses without a refresh.</summary>
    public void ExpireAt(DateTimeOffset? expiresAt) => _expiry.ExpireAt(expiresAt);

    /// <summary>Ends the connection with a protocol disconnect code; queued messages are still written first.</summary>
    public void Disconnect(DisconnectReason reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _closeReason = reason;
        _expiry.Dispose();
        _queue.Complete();
        // Cancelling a pending receive aborts the socket and the client would see 1006, not the code: the writer sends
        // what is queued and the close frame first. A writer stuck on a dead client is cut off after the grace.
        _closing.CancelAfter(TimeSpan.FromSeconds(5));
    }

    /// <summary>Queues an encoded reply or push. A full queue disconnects the client as slow (3008) and returns false.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> message)
    {
        if (_queue.TryEnqueue(message))
        {
            return true;
        }

        if (!IsClosed)
        {
            _metrics.SlowDisconnects.Add(1);
            EdgeLog.ClientSlow(_logger, ClientId);
            Disconnect(Disconnects.Slow);
        }

        return false;
    }

    /// <summary>Runs the connection until either side closes it.</summary>
    public async Task RunAsync(CommandDispatcher dispatcher, CancellationToken aborted)
    {
        using var abortRegistration = aborted.Register(() => Disconnect(Disconnects.ConnectionClosed));
        var writing = WriteLoopAsync();
        var keepalive = KeepaliveLoopAsync();
        try
        {
            await ReadLoopAsync(dispatcher);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            EdgeLog.SocketFailed(_logger, exception, ClientId);
        }
        finally
        {
            Disconnect(Disconnects.ConnectionClosed);
            await writing.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _closing.Cancel();
            await keepalive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var reason = _closeReason ?? Disconnects.ConnectionClosed;
            _expiry.Dispose();
            EdgeLog.ClientDisconnected(_logger, ClientId, reason.Code, reason.Reason);
        }
    }

    private async Task ReadLoopAsync(CommandDispatcher dispatcher)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var commands = new List<ClientCommand>();
        using var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        connectDeadline.CancelAfter(_options.ConnectTimeout);

        while (!IsClosed)
        {
            var token = Principal is null ? connectDeadline.Token : _closing.Token;
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            try
            {
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(4096), token);
                    buffer.Advance(received.Count);
                    if (buffer.WrittenCount > _options.MaxFrameBytes)
                    {
                        Disconnect(Disconnects.MessageTooBig);
                        return;
                    }
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
            }
            catch (OperationCanceledException) when (Principal is null && !_closing.IsCancellationRequested)
            {
                Disconnect(Disconnects.Stale);
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close || IsClosed)
            {
                // Closed by the client, or by us while this receive waited for the client's answer to our close.
                return;
            }

            Interlocked.Exchange(ref _lastReceivedTicks, _time.GetTimestamp());
            commands.Clear();
            if (received.MessageType != WebSocketMessageType.Text || CommandParser.Parse(buffer.WrittenSpan, commands) != FrameParseResult.Ok)
            {
                Disconnect(Disconnects.BadRequest);
                return;
            }

            foreach (var command in commands)
            {
                await dispatcher.DispatchAsync(this, command, _closing.Token);
                if (IsClosed)
                {
                    return;
                }
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var frame = new ArrayBufferWriter<byte>(4096);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                frame.ResetWrittenCount();
                while (frame.WrittenCount < MaxBatchBytes && reader.TryRead(out var message))
                {
                    FrameBatcher.Append(frame, message.Span);
                }

                await _socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            var reason = _closeReason ?? Disconnects.ConnectionClosed;
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)reason.Code, reason.Reason, closeTimeout.Token);
            }

            // The client answers the close frame, which ends the read loop; one that does not is cut off.
            _closing.CancelAfter(TimeSpan.FromSeconds(2));
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            Disconnect(Disconnects.WriteError);
            EdgeLog.SocketFailed(_logger, exception, ClientId);
            _closing.Cancel();
        }
    }

    private async Task KeepaliveLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.PingInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                if (Principal is null)
                {
                    continue;
                }

                var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastReceivedTicks));
                if (silent > _options.PingInterval + _options.PongGrace)
                {
                    Disconnect(Disconnects.NoPong);
                    return;
                }

                TryEnqueue(ProtocolWriter.Ping);
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }

    public void Dispose()
    {
        _expiry.Dispose();
        _closing.Dispose();
    }
}
