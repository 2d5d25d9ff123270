using System.Net;
using Classroom.Micro.ServiceDefaults.Http;
using Microsoft.AspNetCore.Connections;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// Answers a WebSocket handshake the edge took over: the same admission as every transport (draining → 503, a foreign
/// origin → 403, as problem details), else <c>101 Switching Protocols</c> and the connection's session to its end.
/// </summary>
internal sealed class RawWebSocketAcceptor(
    Func<bool> isDraining,
    EdgeOriginCheck origins,
    Func<RawWebSocketTransport, ConnectionFacts, Task> run)
{
    /// <summary>The edge's own: admission and sessions from the <see cref="ConnectionRunner"/>.</summary>
    public RawWebSocketAcceptor(ConnectionRunner runner)
        : this(() => runner.IsDraining, runner.Origins, runner.RunAsync)
    {
    }

    public async Task AcceptAsync(ConnectionContext connection, WebSocketUpgradeRequest request)
    {
        var output = connection.Transport.Output;
        if (isDraining())
        {
            HandshakeResponses.WriteProblem(output, StatusCodes.Status503ServiceUnavailable, ConnectionRunner.DrainingTitle, detail: null);
            await output.FlushAsync(connection.ConnectionClosed);
            return;
        }

        if (!origins.Allows(request.Origin, request.ForwardedHost, new HostString(request.Host)))
        {
            HandshakeResponses.WriteProblem(output, StatusCodes.Status403Forbidden, EdgeOriginCheck.RefusalTitle, EdgeOriginCheck.RefusalDetail);
            await output.FlushAsync(connection.ConnectionClosed);
            return;
        }

        HandshakeResponses.WriteSwitchingProtocols(output, request.Key);
        await output.FlushAsync(connection.ConnectionClosed);
        var address = ClientAddress.Of(request.ForwardedFor, (connection.RemoteEndPoint as IPEndPoint)?.Address);
        using var transport = new RawWebSocketTransport(connection);
        await run(transport, new ConnectionFacts(address, connection.ConnectionClosed));
    }
}
