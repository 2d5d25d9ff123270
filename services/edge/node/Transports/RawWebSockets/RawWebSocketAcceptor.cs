using System.Diagnostics;
using System.Net;
using Classroom.Micro.ServiceDefaults.Http;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Connections;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>
/// Answers a WebSocket handshake the edge took over: the same admission as every transport (draining → 503, a foreign
/// origin → 403, as problem details), else <c>101 Switching Protocols</c> and the connection's session to its end.
/// </summary>
internal sealed class RawWebSocketAcceptor(
    Func<bool> isDraining,
    EdgeOriginCheck origins,
    Func<RawWebSocketTransport, ConnectionFacts, Task> run,
    ActivitySource? tracing = null)
{
    /// <summary>The edge's own: admission and sessions from the <see cref="ConnectionRunner"/>, spans on the edge's source.</summary>
    public RawWebSocketAcceptor(ConnectionRunner runner, ServiceTelemetry telemetry)
        : this(() => runner.IsDraining, runner.Origins, runner.RunAsync, telemetry.ActivitySource)
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
        using var span = StartConnectionSpan(request);
        using var transport = new RawWebSocketTransport(connection);
        await run(transport, new ConnectionFacts(address, connection.ConnectionClosed));
    }

    /// <summary>
    /// The connection's server span, as ASP.NET Core's hosting would start for the upgrade request: a child of the
    /// gateway's forwarded request (W3C <c>traceparent</c>), current while the session runs so <c>edge.connect</c> and
    /// <c>edge.subscribe</c> sit under it and each publish links to it. Only a sampled connection allocates one.
    /// </summary>
    private Activity? StartConnectionSpan(WebSocketUpgradeRequest request)
    {
        ActivityContext.TryParse(request.TraceParent, request.TraceState, isRemote: true, out var parent);
        var span = tracing?.StartActivity(ActivityKind.Server, parent, name: "GET /connection/websocket");
        span?.SetTag("http.request.method", "GET");
        span?.SetTag("url.path", "/connection/websocket");
        span?.SetTag("network.protocol.name", "websocket");
        return span;
    }
}
