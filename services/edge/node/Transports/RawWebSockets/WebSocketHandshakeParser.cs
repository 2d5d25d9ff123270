using System.Buffers;
using System.Text;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// Recognises a client's WebSocket handshake (RFC 6455 4.2.1) at the start of a connection. Only an unambiguous one
/// is taken: <c>GET /connection/websocket</c> over HTTP/1.1, <c>Upgrade: websocket</c>, <c>Connection: upgrade</c>,
/// version 13, a valid key, no body, ASCII headers each given once, the whole head within
/// <see cref="MaxHeadBytes"/>. Anything else goes to the HTTP pipeline untouched, which answers it as before (a 400
/// problem for a broken upgrade, the request's own endpoint for every other path).
/// </summary>
internal static class WebSocketHandshakeParser
{
    /// <summary>The longest request head taken over; a longer one goes to Kestrel, whose own limits apply.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private const int KeyBytes = 16;

    private static ReadOnlySpan<byte> RequestStart => "GET /connection/websocket"u8;

    // WebSocketEndpoint.Path, the route the ASP.NET fallback maps.
    private static ReadOnlySpan<byte> Path => "/connection/websocket"u8;

    private static ReadOnlySpan<byte> RequestVersion => " HTTP/1.1"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    private static ReadOnlySpan<byte> Whitespace => " \t"u8;

    [Flags]
    private enum Seen
    {
        None = 0,
        Host = 1,
        Upgrade = 2,
        Connection = 4,
        Version = 8,
        Key = 16,
        Origin = 32,
        ForwardedFor = 64,
        ForwardedHost = 128,
        TraceParent = 256,
        TraceState = 512,
    }

    /// <summary>Judges the bytes received so far; on <see cref="HandshakeVerdict.Upgrade"/>, <paramref name="headEnd"/> is where the frames begin.</summary>
    public static HandshakeVerdict TryParse(in ReadOnlySequence<byte> buffer, out WebSocketUpgradeRequest? request, out SequencePosition headEnd)
    {
        request = null;
        headEnd = buffer.Start;
        Span<byte> start = stackalloc byte[RequestStart.Length + 1];
        var startLength = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, startLength).CopyTo(start);
        var compared = Math.Min(startLength, RequestStart.Length);
        if (!start[..compared].SequenceEqual(RequestStart[..compared]))
        {
            return HandshakeVerdict.NotOurs;
        }

        if (startLength <= RequestStart.Length)
        {
            return HandshakeVerdict.NeedMore;
        }

        if (start[RequestStart.Length] is not ((byte)' ' or (byte)'?'))
        {
            return HandshakeVerdict.NotOurs;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
        {
            return buffer.Length >= MaxHeadBytes ? HandshakeVerdict.NotOurs : HandshakeVerdict.NeedMore;
        }

        if (head.Length > MaxHeadBytes)
        {
            return HandshakeVerdict.NotOurs;
        }

        Span<byte> bytes = stackalloc byte[(int)head.Length];
        head.CopyTo(bytes);
        request = Parse(bytes);
        headEnd = reader.Position;
        return request is null ? HandshakeVerdict.NotOurs : HandshakeVerdict.Upgrade;
    }

    private static WebSocketUpgradeRequest? Parse(ReadOnlySpan<byte> head)
    {
        var requestLine = NextLine(ref head);
        if (!requestLine.EndsWith(RequestVersion))
        {
            return null;
        }

        var target = requestLine["GET "u8.Length..^RequestVersion.Length];
        var query = target.IndexOf((byte)'?');
        if (!(query < 0 ? target : target[..query]).SequenceEqual(Path) || target.ContainsAny(Whitespace))
        {
            return null;
        }

        var seen = Seen.None;
        string? key = null, host = null, origin = null, forwardedFor = null, forwardedHost = null, traceParent = null, traceState = null;
        while (head.Length > 0)
        {
            var line = NextLine(ref head);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].ContainsAny(Whitespace))
            {
                // A malformed or folded header: Kestrel's parser answers it.
                return null;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(Whitespace);
            if (!Ascii.IsValid(value))
            {
                return null;
            }

            var header = Identify(name);
            if (header != Seen.None && (seen & header) != 0)
            {
                // A repeated header the handshake depends on is ambiguous: the pipeline judges it as before.
                return null;
            }

            seen |= header;
            switch (header)
            {
                case Seen.Host:
                    host = Encoding.ASCII.GetString(value);
                    break;
                case Seen.Upgrade when !HasToken(value, "websocket"u8):
                case Seen.Connection when !HasToken(value, "upgrade"u8):
                case Seen.Version when !value.SequenceEqual("13"u8):
                    return null;
                case Seen.Key:
                    key = Encoding.ASCII.GetString(value);
                    break;
                case Seen.Origin:
                    origin = Encoding.ASCII.GetString(value);
                    break;
                case Seen.ForwardedFor:
                    forwardedFor = Encoding.ASCII.GetString(value);
                    break;
                case Seen.ForwardedHost:
                    forwardedHost = Encoding.ASCII.GetString(value);
                    break;
                case Seen.TraceParent:
                    traceParent = Encoding.ASCII.GetString(value);
                    break;
                case Seen.TraceState:
                    traceState = Encoding.ASCII.GetString(value);
                    break;
                case Seen.None when HasBody(name, value):
                    return null;
            }
        }

        const Seen required = Seen.Upgrade | Seen.Connection | Seen.Version | Seen.Key;
        if ((seen & required) != required || !IsValidKey(key!))
        {
            return null;
        }

        return new WebSocketUpgradeRequest(key!, host ?? string.Empty, origin, forwardedFor, forwardedHost, traceParent, traceState);
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf(LineEnd);
        ReadOnlySpan<byte> line;
        if (end < 0)
        {
            line = head;
            head = default;
        }
        else
        {
            line = head[..end];
            head = head[(end + LineEnd.Length)..];
        }

        return line;
    }

    private static Seen Identify(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "Host"u8) ? Seen.Host
        : Ascii.EqualsIgnoreCase(name, "Upgrade"u8) ? Seen.Upgrade
        : Ascii.EqualsIgnoreCase(name, "Connection"u8) ? Seen.Connection
        : Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Version"u8) ? Seen.Version
        : Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Key"u8) ? Seen.Key
        : Ascii.EqualsIgnoreCase(name, "Origin"u8) ? Seen.Origin
        : Ascii.EqualsIgnoreCase(name, "X-Forwarded-For"u8) ? Seen.ForwardedFor
        : Ascii.EqualsIgnoreCase(name, "X-Forwarded-Host"u8) ? Seen.ForwardedHost
        : Ascii.EqualsIgnoreCase(name, "traceparent"u8) ? Seen.TraceParent
        : Ascii.EqualsIgnoreCase(name, "tracestate"u8) ? Seen.TraceState
        : Seen.None;

    private static bool HasBody(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)
        || (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !value.SequenceEqual("0"u8));

    /// <summary>Whether a comma-separated header value lists <paramref name="token"/> (case-insensitive).</summary>
    private static bool HasToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(Whitespace), token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[KeyBytes];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == KeyBytes;
    }
}
