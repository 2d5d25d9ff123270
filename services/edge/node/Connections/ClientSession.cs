using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Transports;

namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// One client connection, holding no buffer, task, timer or channel of its own while idle. Its transport
/// (<see cref="ClientTransport"/>: WebSocket, HTTP-streaming or SSE) brings frames in and takes frames out; every
/// protocol rule is here and the same for each. Commands go to the <see cref="CommandDispatcher"/> one at a time. Replies and pushes go into a bounded <see cref="OutboundQueue"/>;
/// the first into an idle queue schedules a thread-pool writer that coalesces everything pending into one frame per
/// send and goes idle again. Pings, the pong and connect deadlines and the close cut-off are the process-wide
/// <see cref="ConnectionHeartbeat"/>'s. Nothing one socket does blocks another.
/// </summary>
internal sealed class ClientSession : IThreadPoolWorkItem, IDisposable
{
    private const int MaxBatchBytes = 64 * 1024;

    /// <summary>How long a closing session's writer may take to send what is queued and the close frame.</summary>
    private static readonly TimeSpan WriterGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long the client has to answer our close frame before the socket is cut.</summary>
    private static readonly TimeSpan CloseAnswerGrace = TimeSpan.FromSeconds(2);

    private readonly ClientTransport _transport;
    private readonly OutboundQueue _queue;
    private readonly EdgeOptions _options;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectionHeartbeat _heartbeat;
    private readonly CancellationTokenSource _closing = new();
    private readonly long _startedTicks;
    private DisconnectReason? _closeReason;
    private int _closed;
    private volatile bool _dispatching;
    private ConnectionExpiry? _expiry;
    private ConcurrentDictionary<string, SubscribeCommand>? _subscriptions;
    private ConcurrentDictionary<(string Channel, ChannelAction Action), bool>? _permissions;
    private TaskCompletionSource? _writerDone;
    private List<ReadOnlyMemory<byte>>? _held;
    private int _errorReplies;
    private long _lastReceivedTicks;
    private long _nextPingTicks;
    private long _cutOffTicks;

    public ClientSession(WebSocket socket, EdgeIdentity identity, EdgeOptions options, EdgeMetrics metrics, TimeProvider time, ILogger logger, ConnectionHeartbeat heartbeat)
        : this(new WebSocketTransport(socket), identity, options, metrics, time, logger, heartbeat)
    {
    }

    public ClientSession(ClientTransport transport, EdgeIdentity identity, EdgeOptions options, EdgeMetrics metrics, TimeProvider time, ILogger logger, ConnectionHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _transport = transport;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _heartbeat = heartbeat;
        _queue = new OutboundQueue(options.OutboundQueueCapacity, options.OutboundQueueBytes);
        EdgeId = identity.NodeId;
        ClientId = Guid.NewGuid().ToString();
        ConnectedAt = time.GetUtcNow();
        _startedTicks = time.GetTimestamp();
        _lastReceivedTicks = _startedTicks;
        _nextPingTicks = _startedTicks + ToTimestampTicks(options.PingInterval);
    }

    /// <summary>The protocol's <c>client</c>: unique per connection.</summary>
    public string ClientId { get; }

    public string EdgeId { get; }

    /// <summary>The <c>node</c> of the connect result: where emulation requests must be routed (the gateway's token for this edge, or its id).</summary>
    public string Node => _transport.Node ?? EdgeId;

    /// <summary>The <c>session</c> of the connect result for an emulated transport (HTTP-streaming, SSE); null for WebSocket.</summary>
    public string? TransportSession => _transport.Session;

    /// <summary>Largest frame the client may send; larger ends the connection with 1009.</summary>
    internal int MaxFrameBytes => _options.MaxFrameBytes;

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Who the connection belongs to; null until a connect succeeded.</summary>
    public ConnectionIdentity? Identity { get; set; }

    /// <summary>The connection's public info (shown to others as <c>conn_info</c>).</summary>
    public RawJson ConnInfo { get; set; }

    /// <summary>When the token lapses; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt => Volatile.Read(ref _expiry)?.ExpiresAt;

    /// <summary>Channels this connection is subscribed (or subscribing) to.</summary>
    /// <remarks>Created at first use and sized for the handful of channels a connection holds.</remarks>
    public ConcurrentDictionary<string, SubscribeCommand> Subscriptions =>
        _subscriptions ?? LazyInitializer.EnsureInitialized(ref _subscriptions, static () => new(concurrencyLevel: 1, capacity: 2, StringComparer.Ordinal));

    /// <summary>How many allowed answers of auth the connection keeps right now.</summary>
    public int RememberedPermissions => _permissions?.Count ?? 0;

    /// <summary>Whether auth allowed <paramref name="action"/> on <paramref name="channel"/> and the answer is kept.</summary>
    public bool IsRememberedAllowed(string channel, ChannelAction action) => _permissions?.ContainsKey((channel, action)) == true;

    /// <summary>
    /// Keeps an allowed answer of auth, at most <paramref name="capacity"/> per connection: when full, one kept answer
    /// makes room (any one will do; it is asked again if it is needed again), so names a client invents cannot grow
    /// the edge.
    /// </summary>
    public void RememberAllowed(string channel, ChannelAction action, int capacity)
    {
        // Concurrent: control commands (mute, kick) forget answers from the fanout link's thread.
        var permissions = _permissions ?? LazyInitializer.EnsureInitialized(ref _permissions, static () => new(concurrencyLevel: 1, capacity: 4));
        while (permissions.Count >= capacity && permissions.Keys.FirstOrDefault() is { Channel: not null } evicted)
        {
            permissions.TryRemove(evicted, out _);
        }

        permissions[(channel, action)] = true;
    }

    /// <summary>Forgets the kept answers of auth on <paramref name="channel"/>, or all of them when null or empty.</summary>
    public void ForgetPermissions(string? channel = null)
    {
        if (_permissions is not { } permissions)
        {
            return;
        }

        foreach (var key in permissions.Keys)
        {
            if (string.IsNullOrEmpty(channel) || key.Channel == channel)
            {
                permissions.TryRemove(key, out _);
            }
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>The client's address (the gateway's <c>X-Forwarded-For</c>, else the peer), for per-address limits.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>
    /// Error replies this connection earned by what it sent (every error but the temporary ones and 109 token
    /// expired, which well-behaved clients meet too); the dispatcher closes a connection earning too many with 3509.
    /// </summary>
    public int ErrorReplies => Volatile.Read(ref _errorReplies);

    /// <summary>Answers a command with an error reply, counting it towards <see cref="ErrorReplies"/>.</summary>
    public bool ReplyError(uint commandId, ClientError error)
    {
        if (!error.Temporary && error.Code != ClientErrors.TokenExpired.Code)
        {
            Interlocked.Increment(ref _errorReplies);
        }

        return TryEnqueue(ProtocolWriter.Error(commandId, error));
    }

    /// <summary>Replies and pushes waiting to be written to the socket.</summary>
    public int QueueDepth => _queue.Depth;

    /// <summary>Closes the connection with 3005 when the token lapses without a refresh (checked by the heartbeat).</summary>
    public void ExpireAt(DateTimeOffset? expiresAt)
    {
        var expiry = Volatile.Read(ref _expiry);
        if (expiry is null)
        {
            if (expiresAt is null)
            {
                return;
            }

            expiry = LazyInitializer.EnsureInitialized(ref _expiry, () => new ConnectionExpiry(_options.ExpiredCloseDelay));
            if (IsClosed)
            {
                expiry.Dispose();
            }
        }

        expiry.ExpireAt(expiresAt);
        if (expiry.IsDue(_time.GetUtcNow()))
        {
            Disconnect(Disconnects.Expired);
        }
    }

    /// <summary>Ends the connection with a protocol disconnect code; queued messages are still written first.</summary>
    public void Disconnect(DisconnectReason reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _closeReason = reason;
        Volatile.Read(ref _expiry)?.Dispose();
        // Cancelling a pending receive aborts the socket and the client would see 1006, not the code: the writer sends
        // what is queued and the close frame first. A writer stuck on a dead client is cut off by the heartbeat.
        Interlocked.Exchange(ref _cutOffTicks, _time.GetTimestamp() + ToTimestampTicks(WriterGrace));
        if (_queue.Complete())
        {
            ScheduleWriter();
        }
    }

    /// <summary>
    /// Holds every message queued from now on until <see cref="ReleaseHeld"/>: while a connect subscribes the
    /// connection server-side, pushes of those channels must follow the connect reply that reports them.
    /// </summary>
    public void HoldPushes() => Interlocked.CompareExchange(ref _held, [], null);

    /// <summary>Queues <paramref name="first"/>, then everything held since <see cref="HoldPushes"/>, in order.</summary>
    public bool ReleaseHeld(ReadOnlyMemory<byte> first)
    {
        var held = Volatile.Read(ref _held);
        if (held is null)
        {
            return TryEnqueue(first);
        }

        lock (held)
        {
            Volatile.Write(ref _held, null);
            var queued = EnqueueNow(first);
            foreach (var message in held)
            {
                queued = queued && EnqueueNow(message);
            }

            return queued;
        }
    }

    /// <summary>Queues an encoded reply or push. A full queue disconnects the client as slow (3008) and returns false.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> message)
    {
        if (Volatile.Read(ref _held) is { } held)
        {
            lock (held)
            {
                if (ReferenceEquals(Volatile.Read(ref _held), held))
                {
                    if (held.Count >= _options.OutboundQueueCapacity)
                    {
                        // As a full queue: the client reconnects and recovers what it missed.
                        _metrics.SlowDisconnects.Add(1);
                        Disconnect(Disconnects.Slow);
                        return false;
                    }

                    held.Add(message);
                    return true;
                }
            }
        }

        return EnqueueNow(message);
    }

    private bool EnqueueNow(ReadOnlyMemory<byte> message)
    {
        switch (_queue.TryEnqueue(message))
        {
            case EnqueueOutcome.QueuedStartWriter:
                ScheduleWriter();
                return true;
            case EnqueueOutcome.Queued:
                return true;
            case EnqueueOutcome.Full when !IsClosed:
                _metrics.SlowDisconnects.Add(1);
                EdgeLog.ClientSlow(_logger, ClientId);
                Disconnect(Disconnects.Slow);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Runs the connection until either side closes it.</summary>
    public async Task RunAsync(CommandDispatcher dispatcher, CancellationToken aborted)
    {
        _heartbeat.Add(this);
        using var abortRegistration = aborted.UnsafeRegister(static state => ((ClientSession)state!).Disconnect(Disconnects.ConnectionClosed), this);
        try
        {
            await _transport.ReceiveAsync(this, dispatcher);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            EdgeLog.SocketFailed(_logger, exception, ClientId);
        }
        finally
        {
            Disconnect(Disconnects.ConnectionClosed);
            await WriterDone.Task.WaitAsync(WriterGrace, _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _heartbeat.Remove(this);
            _closing.Cancel();
            var reason = _closeReason ?? Disconnects.ConnectionClosed;
            Volatile.Read(ref _expiry)?.Dispose();
            EdgeLog.ClientDisconnected(_logger, ClientId, reason.Code, reason.Reason);
        }
    }

    /// <summary>The heartbeat's visit: token expiry, connect deadline, pong deadline, ping, and the cut-off of a close nobody answers.</summary>
    internal void OnHeartbeat(long now)
    {
        if (IsClosed)
        {
            if (now >= Interlocked.Read(ref _cutOffTicks))
            {
                // The client did not answer our close, or the writer is stuck on it: ending the socket ends the read loop.
                _transport.Abort();
            }

            return;
        }

        if (Volatile.Read(ref _expiry) is { } expiry && expiry.IsDue(_time.GetUtcNow()))
        {
            Disconnect(Disconnects.Expired);
            return;
        }

        if (Identity is null)
        {
            // The deadline is for the client's connect command to arrive; one being answered (auth can be slow) is not cut short.
            if (!_dispatching && _time.GetElapsedTime(_startedTicks, now) >= _options.ConnectTimeout)
            {
                Disconnect(Disconnects.Stale);
            }

            return;
        }

        if (_time.GetElapsedTime(Interlocked.Read(ref _lastReceivedTicks), now) > _options.PingInterval + _options.PongGrace)
        {
            Disconnect(Disconnects.NoPong);
            return;
        }

        if (now >= _nextPingTicks)
        {
            _nextPingTicks = now + ToTimestampTicks(_options.PingInterval);
            TryEnqueue(ProtocolWriter.Ping);
        }
    }

    /// <summary>
    /// Takes a frame the transport received (one or more commands, <c>\n</c>-separated) into <paramref name="commands"/>.
    /// A malformed frame disconnects the client (3501) and returns false. The frame's bytes may be reused as soon as
    /// this returns: the commands own copies of what they need.
    /// </summary>
    internal bool AcceptFrame(ReadOnlySpan<byte> frame, List<ClientCommand> commands)
    {
        Interlocked.Exchange(ref _lastReceivedTicks, _time.GetTimestamp());
        if (CommandParser.Parse(frame, commands) != FrameParseResult.Ok)
        {
            Disconnect(Disconnects.BadRequest);
            return false;
        }

        return true;
    }

    /// <summary>Runs accepted commands one at a time, in order; stops when the connection closes.</summary>
    internal async Task DispatchAsync(CommandDispatcher dispatcher, List<ClientCommand> commands)
    {
        _dispatching = true;
        try
        {
            foreach (var command in commands)
            {
                await dispatcher.DispatchAsync(this, command, _closing.Token);
                if (IsClosed)
                {
                    return;
                }
            }
        }
        finally
        {
            _dispatching = false;
        }
    }

    /// <summary>Completes once the writer sent the close (or gave up); created only when the connection closes.</summary>
    private TaskCompletionSource WriterDone =>
        Volatile.Read(ref _writerDone) ?? LazyInitializer.EnsureInitialized(ref _writerDone, static () => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void ScheduleWriter() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _ = WriteAsync();

    /// <summary>Writes what is pending, one coalesced frame per send, until the queue is empty; then the close when due.</summary>
    private async Task WriteAsync()
    {
        try
        {
            while (true)
            {
                switch (_queue.TakeBatch(out var batch))
                {
                    case WriterStep.WriteBatch:
                        await SendBatchAsync(batch!);
                        _queue.Recycle(batch!);
                        break;
                    case WriterStep.WriteClose:
                        await CloseAsync();
                        return;
                    default:
                        return;
                }
            }
        }
        catch (Exception exception)
        {
            // The writer must not die silently: the client is cut off and the session ends.
            Disconnect(Disconnects.WriteError);
            EdgeLog.SocketFailed(_logger, exception, ClientId);
            _transport.Abort();
            WriterDone.TrySetResult();
        }
    }

    private async ValueTask SendBatchAsync(List<ReadOnlyMemory<byte>> batch)
    {
        var start = 0;
        while (start < batch.Count)
        {
            var count = FrameBatcher.CountFitting(batch, start, MaxBatchBytes, out var frameLength);
            if (count == 1)
            {
                // A lone message goes as it is: the same bytes every subscriber is sent, not a copy.
                await _transport.SendAsync(batch[start]);
            }
            else
            {
                var frame = ArrayPool<byte>.Shared.Rent(frameLength);
                try
                {
                    FrameBatcher.Join(batch, start, count, frame);
                    await _transport.SendAsync(frame.AsMemory(0, frameLength));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }
            }

            start += count;
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            using (var closeTimeout = new CancellationTokenSource(CloseAnswerGrace, _time))
            {
                await _transport.CloseAsync(_closeReason ?? Disconnects.ConnectionClosed, closeTimeout.Token);
            }

            // The client answers the close frame, which ends the read loop; one that does not is cut off by the heartbeat.
            var cutOff = _time.GetTimestamp() + ToTimestampTicks(CloseAnswerGrace);
            if (cutOff < Interlocked.Read(ref _cutOffTicks))
            {
                Interlocked.Exchange(ref _cutOffTicks, cutOff);
            }
        }
        finally
        {
            WriterDone.TrySetResult();
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    public void Dispose()
    {
        Volatile.Read(ref _expiry)?.Dispose();
        _closing.Dispose();
    }
}
