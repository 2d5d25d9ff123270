using Microsoft.AspNetCore.Connections;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// A Kestrel connection middleware on the client endpoint: when a connection opens with a WebSocket handshake for
/// <c>/connection/websocket</c>, the edge takes it over and it never reaches the HTTP pipeline, so it holds none of
/// ASP.NET Core's per-request state (HttpContext, the HTTP/1 connection, header collections, the hosting Activity)
/// for its whole life. Anything else is only looked at, never consumed, and goes on to the pipeline as it came,
/// which also serves every later request of a kept-alive connection (the ASP.NET WebSocket path stays the fallback).
/// </summary>
internal sealed class RawWebSocketMiddleware(ConnectionDelegate next, RawWebSocketAcceptor acceptor, TimeSpan handshakeTimeout)
{
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        WebSocketUpgradeRequest? request;
        // The HTTP pipeline's header timeout does not run yet: a client that opens and sends nothing is bounded here.
        using (var timeout = new CancellationTokenSource(handshakeTimeout))
        {
            try
            {
                request = await PeekAsync(connection, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }
        }

        if (request is null)
        {
            await next(connection);
            return;
        }

        await acceptor.AcceptAsync(connection, request);
    }

    /// <summary>The handshake when the connection starts with one (consumed); else null, with nothing consumed.</summary>
    private static async Task<WebSocketUpgradeRequest?> PeekAsync(ConnectionContext connection, CancellationToken cancellation)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(cancellation);
            var buffer = read.Buffer;
            switch (WebSocketHandshakeParser.TryParse(buffer, out var request, out var headEnd))
            {
                case HandshakeVerdict.Upgrade:
                    input.AdvanceTo(headEnd);
                    return request;
                case HandshakeVerdict.NeedMore when !read.IsCompleted && !read.IsCanceled:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
                default:
                    input.AdvanceTo(buffer.Start);
                    return null;
            }
        }
    }
}
