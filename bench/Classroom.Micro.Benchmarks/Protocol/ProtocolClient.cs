using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>
/// One client connection speaking the Centrifugo bidirectional JSON protocol over a raw WebSocket
/// (<see cref="RequestSocket"/>): commands are matched to replies by id (several may be in flight), <c>pub</c> pushes
/// go to a handler, server pings are answered.
/// </summary>
internal sealed class ProtocolClient : RequestSocket
{
    private readonly Action<PublicationPush>? _onPublication;

    private ProtocolClient(Action<PublicationPush>? onPublication)
    {
        _onPublication = onPublication;
    }

    /// <summary>Opens <c>/connection/websocket</c> on <paramref name="server"/> and connects with <paramref name="token"/>.</summary>
    public static async Task<ProtocolClient> ConnectAsync(Uri server, string token, Action<PublicationPush>? onPublication, CancellationToken cancellationToken)
    {
        var client = new ProtocolClient(onPublication);
        try
        {
            await client.OpenAsync(WebSocketAddress(server, "/connection/websocket"), handshake: false, cancellationToken);
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

    /// <summary>Handles every message of a frame; a server ping among them is answered with a pong.</summary>
    protected override ReadOnlyMemory<byte> HandleFrame(ReadOnlyMemory<byte> frame, long receivedAt)
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

        return ping ? CommandFrames.Pong : ReadOnlyMemory<byte>.Empty;
    }

    private bool HandleMessage(JsonElement message, long receivedAt)
    {
        if (message.TryGetProperty("id", out var idElement) && idElement.TryGetUInt32(out var id) && id != 0)
        {
            Complete(id, message.TryGetProperty("error", out var error)
                ? new ProtocolException(
                    error.TryGetProperty("code", out var code) ? code.GetInt32() : 0,
                    error.TryGetProperty("message", out var text) ? text.GetString() ?? string.Empty : string.Empty)
                : null);

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
}
