using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>
/// A benchmark client's raw <see cref="ClientWebSocket"/>: the receive loop, requests matched to their
/// acknowledgements by id (several may be in flight), and lost-connection bookkeeping. Each protocol's client says how
/// to read a whole message (<see cref="HandleFrame"/>) and completes its requests from there. Cheap enough that
/// thousands fit in the benchmark process.
/// </summary>
internal abstract class RequestSocket : IAsyncDisposable
{
    /// <summary>The pending request a protocol's opening handshake completes.</summary>
    protected const uint HandshakeId = 0;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private int _lastId;
    private int _closedUnexpectedly;
    private int _disposing;

    /// <summary>Why the connection ended before it was disposed (a close code or a socket error), or null while it is open.</summary>
    public string? LostReason { get; private set; }

    /// <summary>True when the server or the network ended the connection before <see cref="DisposeAsync"/>.</summary>
    public bool WasLost => Volatile.Read(ref _closedUnexpectedly) == 1;

    /// <summary>Completes when the server or the network ends the connection before <see cref="DisposeAsync"/> (never otherwise).</summary>
    public Task Lost => _lost.Task;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposing, 1);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                await _receiving.WaitAsync(CloseTimeout);
            }
            catch (Exception failure) when (failure is WebSocketException or OperationCanceledException or TimeoutException)
            {
                // The server is gone or slow to answer the close: abort below.
            }
        }

        await _stopping.CancelAsync();
        _socket.Abort();
        await _receiving.WaitAsync(CloseTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>The <c>ws://</c> (or <c>wss://</c>) address of <paramref name="path"/> on <paramref name="server"/>.</summary>
    protected static Uri WebSocketAddress(Uri server, string path)
    {
        var builder = new UriBuilder(new Uri(server, path));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }

    /// <summary>Opens the socket and starts reading; with <paramref name="handshake"/>, a handshake is pending from now on.</summary>
    protected async Task OpenAsync(Uri address, bool handshake, CancellationToken cancellationToken)
    {
        if (handshake)
        {
            _pending[HandshakeId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await _socket.ConnectAsync(address, cancellationToken);
        _receiving = ReceiveAsync();
    }

    /// <summary>Waits for the handshake the server completes (<see cref="Complete(uint, string?)"/> with <see cref="HandshakeId"/>).</summary>
    protected async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue(HandshakeId, out var handshake))
        {
            try
            {
                await handshake.Task.WaitAsync(ReplyTimeout, cancellationToken);
            }
            finally
            {
                _pending.TryRemove(HandshakeId, out _);
            }
        }
    }

    /// <summary>Sends the frame <paramref name="command"/> writes for a fresh id and waits for that id's acknowledgement.</summary>
    protected async Task RequestAsync(Func<uint, byte[]> command, CancellationToken cancellationToken)
    {
        var id = (uint)Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await SendAsync(command(id), cancellationToken);
            await reply.Task.WaitAsync(ReplyTimeout, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    protected async Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Completes request <paramref name="id"/>, as failed when <paramref name="error"/> is set.</summary>
    protected void Complete(uint id, string? error = null) => Complete(id, error is null ? null : new ProtocolException(error));

    /// <summary>Completes request <paramref name="id"/>, as failed with <paramref name="error"/> when it is set.</summary>
    protected void Complete(uint id, ProtocolException? error)
    {
        if (_pending.TryGetValue(id, out var reply))
        {
            if (error is null)
            {
                reply.TrySetResult();
            }
            else
            {
                reply.TrySetException(error);
            }
        }
    }

    /// <summary>Handles one whole WebSocket message; returns what must be sent back (a pong), or empty.</summary>
    protected abstract ReadOnlyMemory<byte> HandleFrame(ReadOnlyMemory<byte> frame, long receivedAt);

    private async Task ReceiveAsync()
    {
        var frame = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                frame.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(frame.GetMemory(1024), _stopping.Token);
                    frame.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Lose($"closed by the server with {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }

                var answer = HandleFrame(frame.WrittenMemory, Stopwatch.GetTimestamp());
                if (!answer.IsEmpty)
                {
                    await SendAsync(answer, _stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (WebSocketException failure)
        {
            Lose("socket error: " + failure.Message);
        }
        catch (JsonException failure)
        {
            Drop("a frame that is not the protocol's JSON: " + failure.Message);
        }
        catch (Exception failure)
        {
            Drop($"handling a frame failed: {failure.GetType().Name}: {failure.Message}");
        }
    }

    /// <summary>
    /// Ends a connection this client can no longer read (no one would answer pings or replies): it counts as lost, with
    /// why, and the socket is aborted so the server and any later command see it closed at once.
    /// </summary>
    private void Drop(string reason)
    {
        Lose(reason);
        _socket.Abort();
    }

    private void Lose(string reason)
    {
        if (Volatile.Read(ref _disposing) == 0)
        {
            LostReason = reason;
            Volatile.Write(ref _closedUnexpectedly, 1);
            _lost.TrySetResult();
        }

        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(new ProtocolException("the connection ended: " + reason));
        }
    }
}
