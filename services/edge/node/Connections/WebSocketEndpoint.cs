using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Draining;
using Classroom.Micro.Edge.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

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

    private static async Task AcceptAsync(
        HttpContext context,
        EdgeIdentity identity,
        IOptions<EdgeOptions> options,
        CommandDispatcher dispatcher,
        SubscriptionHandler subscriptions,
        SessionDirectory sessions,
        EdgeMetrics metrics,
        ConnectionHeartbeat heartbeat,
        TimeProvider time,
        ILogger<ClientSession> logger,
        EdgeDrain drain)
    {
        if (drain.IsDraining)
        {
            // Refused before the upgrade so the client retries through the gateway, which no longer routes here.
            await Results.Problem(title: "Edge is draining", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
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
        using var session = new ClientSession(socket, identity, options.Value, metrics, time, logger, heartbeat);
        session.RemoteAddress = ServerApi.ApiAuthFailures.AddressOf(context);
        try
        {
            await session.RunAsync(dispatcher, context.RequestAborted);
        }
        finally
        {
            if (session.Principal is not null)
            {
                sessions.Remove(session);
                metrics.Connections.Add(-1);
                try
                {
                    await subscriptions.ReleaseAllAsync(session);
                }
                catch (RpcException exception)
                {
                    // The edge's lease sweeps what this could not remove.
                    EdgeLog.CleanupFailed(logger, exception, session.ClientId);
                }
            }
        }
    }
}
