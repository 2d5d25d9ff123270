using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>A TCP connection that speaks HTTP/1.1 by hand, to send exactly the handshake a test needs and read the answer's bytes.</summary>
internal sealed class RawHttpClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp = new();
    private readonly List<byte> _received = [];
    private NetworkStream _stream = null!;

    public static async Task<RawHttpClient> ConnectAsync(int port)
    {
        var client = new RawHttpClient();
        await client._tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        client._stream = client._tcp.GetStream();
        return client;
    }

    /// <summary>A handshake for <c>/connection/websocket</c> with <paramref name="headers"/> added (key and version unless given).</summary>
    public static string Handshake(params string[] headers)
    {
        var lines = new List<string> { "GET /connection/websocket HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade" };
        if (!headers.Any(header => header.StartsWith("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase)))
        {
            lines.Add("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
        }

        lines.Add("Sec-WebSocket-Version: 13");
        lines.AddRange(headers);
        return string.Join("\r\n", lines) + "\r\n\r\n";
    }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(Timeout);

    /// <summary>The next response's head and body (by its Content-Length, or chunked).</summary>
    public async Task<(string Head, string Body)> ReadResponseAsync()
    {
        int end;
        while ((end = IndexOf("\r\n\r\n"u8)) < 0)
        {
            await ReceiveAsync();
        }

        var head = Encoding.ASCII.GetString(Take(end + 4));
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return (head, await ReadChunkedAsync());
        }

        var lengthLine = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        while (_received.Count < length)
        {
            await ReceiveAsync();
        }

        return (head, Encoding.UTF8.GetString(Take(length)));
    }

    private async Task<string> ReadChunkedAsync()
    {
        var body = new StringBuilder();
        while (true)
        {
            int end;
            while ((end = IndexOf("\r\n"u8)) < 0)
            {
                await ReceiveAsync();
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(Take(end + 2)).Trim(), 16);
            var chunk = await ReadBytesAsync(size + 2);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(Encoding.UTF8.GetString(chunk, 0, size));
        }
    }

    /// <summary>The next <paramref name="count"/> bytes the server sent.</summary>
    public async Task<byte[]> ReadBytesAsync(int count)
    {
        while (_received.Count < count)
        {
            await ReceiveAsync();
        }

        return Take(count);
    }

    public void Dispose() => _tcp.Dispose();

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        var read = await _stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _received.AddRange(buffer.AsSpan(0, read));
    }

    private int IndexOf(ReadOnlySpan<byte> value) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_received).IndexOf(value);

    private byte[] Take(int count)
    {
        var taken = _received.GetRange(0, count).ToArray();
        _received.RemoveRange(0, count);
        return taken;
    }
}
