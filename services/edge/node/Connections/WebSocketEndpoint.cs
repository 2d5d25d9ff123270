using Classroom.Micro.Edge.Transports;

namespace Classroom.Micro.Edge.Connections;

/// <summary>Accepts client WebSockets at <c>/connection/websocket</c> and runs a <see cref="ClientSession"/> for each.</summary>
internal static class WebSocketEndpoint
{
    public const string Path = "/connection/websocket";

    // The protocol pings ({} every PingInterval, checked by the heartbeat): a WebSocket keep-alive would add a timer
    // per socket and frames the SDK does not need.
    private static readonly WebSocketAcceptContext AcceptContext = new() { KeepAliveInterval = TimeSpan.Zero };

    public static IEndpointRouteBuilder MapClientWebSockets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, AcceptAsync);
        return endpoints;
    }

    private static async Task AcceptAsync(HttpContext context, ConnectionRunner runner)
    {
        // Draining and origin are judged before the upgrade, so a refused client gets problem details, not a closed socket.
        if (!await runner.AdmitAsync(context))
        {
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(
                title: "WebSocket upgrade required",
                detail: "Connect with a WebSocket client speaking the Centrifugo JSON protocol.",
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(AcceptContext);
        await runner.RunAsync(new WebSocketTransport(socket), context);
    }
}
