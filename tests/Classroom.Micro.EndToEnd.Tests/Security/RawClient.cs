using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Security;

/// <summary>A bare WebSocket speaking the client protocol's JSON by hand, for what no SDK would send.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private readonly Queue<JsonElement> _pending = [];

    public static async Task<RawClient> ConnectAsync(Uri gateway, string classroom, CancellationToken cancellation)
    {
        var client = new RawClient();
        await client._socket.ConnectAsync(new Uri($"ws://{gateway.Authority}/connection/websocket?classroom={classroom}"), cancellation).WaitAsync(Timeout, cancellation);
        return client;
    }

    /// <summary>One frame of newline-separated commands.</summary>
    public Task SendAsync(IEnumerable<string> commands, CancellationToken cancellation) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(string.Join('\n', commands)), WebSocketMessageType.Text, true, cancellation).WaitAsync(Timeout, cancellation);

    /// <summary>The next reply or push, skipping server pings; null once the server closed the socket.</summary>
    public async Task<JsonElement?> NextAsync(CancellationToken cancellation)
    {
        while (_pending.Count == 0)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellation).AsTask().WaitAsync(Timeout, cancellation);
                length += received.Count;
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            foreach (var line in Encoding.UTF8.GetString(_buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.EnumerateObject().Any())
                {
                    _pending.Enqueue(document.RootElement.Clone());
                }
            }
        }

        return _pending.Dequeue();
    }

    /// <summary>The reply with <paramref name="id"/>, skipping pushes.</summary>
    public async Task<JsonElement> ReplyAsync(int id, CancellationToken cancellation)
    {
        while (await NextAsync(cancellation) is { } message)
        {
            if (message.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
            {
                return message;
            }
        }

        throw new InvalidOperationException($"the socket closed before reply {id}");
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>An HS256 token signed with <paramref name="secret"/>, as a school's backend would issue it.</summary>
    public static string Token(string secret, object claims)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var unsigned = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""")) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        return unsigned + "." + Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(unsigned)));
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
