using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>
/// One client connection speaking the Centrifugo bidirectional JSON protocol over a raw <see cref="ClientWebSocket"/>:
/// commands are matched to replies by id (several may be in flight), <c>pub</c> pushes go to a handler, server pings
/// are answered. Cheap enough that thousands fit in the benchmark process.
/// </summary>
internal sealed class ProtocolClient : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<PublicationPush>? _onPublication;
    private Task _receiving = Task.CompletedTask;
    private int _lastId;
    private int _closedUnexpectedly;
    private int _disposing;

    private ProtocolClient(Action<PublicationPush>? onPublication)
    {
        _onPublication = onPublication;
    }

    /// <summary>Why the connection ended before it was disposed (a close code or a socket error), or null while it is open.</summary>
    public string? LostReason { get; private set; }

    /// <summary>True when the server or the network ended the connection before <see cref="DisposeAsync"/>.</summary>
    public bool WasLost => Volatile.Read(ref _closedUnexpectedly) == 1;

    /// <summary>Opens <c>/connection/websocket</c> on <paramref name="server"/> and connects with <paramref name="token"/>.</summary>
    public static async Task<ProtocolClient> ConnectAsync(Uri server, string token, Action<PublicationPush>? onPublication, CancellationToken cancellationToken)
    {
        var client = new ProtocolClient(onPublication);
        try
        {
            await client._socket.ConnectAsync(WebSocketAddress(server), cancellationToken);
            client._receiving = client.ReceiveAsync();
            await client.RequestAsync(id => CommandFrames.Connect(id, token, "classroom-micro-bench"), cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public Task SubscribeAsync(string channel, CancellationToken cancellationToken) =>
        RequestAsync(id => CommandFrames.Subscribe(id, channel), cancellationToken);

    /// <summary>Publishes <paramref name="data"/> (one JSON value) and completes when the server acknowledged it.</summary>
    public Task PublishAsync(string channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        RequestAsync(id => CommandFrames.Publish(id, channel, data.Span), cancellationToken);

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

    private static Uri WebSocketAddress(Uri server)
    {
        var builder = new UriBuilder(new Uri(server, "/connection/websocket"));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }

    private async Task RequestAsync(Func<uint, byte[]> command, CancellationToken cancellationToken)
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

    private async Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
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

    private async Task ReceiveAsync()
    {
        var frame = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                frame.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(frame.GetMemory(4096), _stopping.Token);
                    frame.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Lose($"closed by the server with {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }

                if (HandleFrame(frame.WrittenMemory, Stopwatch.GetTimestamp()))
                {
                    await SendAsync(CommandFrames.Pong, _stopping.Token);
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

    /// <summary>Handles every message of a frame; true when one was a server ping that needs a pong.</summary>
    private bool HandleFrame(ReadOnlyMemory<byte> frame, long receivedAt)
    {
        var ping = false;
        while (!frame.IsEmpty)
        {
            var end = frame.Span.IndexOf((byte)'\n');
            var line = end < 0 ? frame : frame[..end];
            frame = end < 0 ? ReadOnlyMemory<byte>.Empty : frame[(end + 1)..];
            if (!line.Span.Trim(" \r\t"u8).IsEmpty)
            {
                using var message = JsonDocument.Parse(line);
                ping |= HandleMessage(message.RootElement, receivedAt);
            }
        }

        return ping;
    }

    private bool HandleMessage(JsonElement message, long receivedAt)
    {
        if (message.TryGetProperty("id", out var idElement) && idElement.TryGetUInt32(out var id) && id != 0)
        {
            if (_pending.TryGetValue(id, out var reply))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new ProtocolException(
                        error.TryGetProperty("code", out var code) ? code.GetInt32() : 0,
                        error.TryGetProperty("message", out var text) ? text.GetString() ?? string.Empty : string.Empty));
                }
                else
                {
                    reply.TrySetResult();
                }
            }

            return false;
        }

        if (message.TryGetProperty("push", out var push))
        {
            if (push.TryGetProperty("pub", out var publication) && _onPublication is not null)
            {
                _onPublication(new PublicationPush(
                    push.GetProperty("channel").GetString()!,
                    publication.TryGetProperty("offset", out var offset) ? offset.GetUInt64() : 0,
                    publication.GetProperty("data"),
                    receivedAt));
            }

            return false;
        }

        return message.ValueKind == JsonValueKind.Object && !message.EnumerateObject().Any();
    }

    private void Lose(string reason)
    {
        if (Volatile.Read(ref _disposing) == 0)
        {
            LostReason = reason;
            Volatile.Write(ref _closedUnexpectedly, 1);
        }

        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(new ProtocolException("the connection ended: " + reason));
        }
    }
}
