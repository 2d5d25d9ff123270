using System.Text;
using Classroom.Micro.ServiceDefaults.Emulation;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// The WebSocket fallbacks, Centrifugo's bidirectional emulation as the centrifuge SDKs speak it:
/// <c>POST /connection/http_stream</c> (connect command in the body) and <c>GET /connection/sse?cf_connect=…</c> open
/// a stream of replies and pushes; <c>POST /emulation</c> brings a session's commands (answered 204, the replies go
/// down the stream). Every protocol rule is the <see cref="Connections.ClientSession"/>'s, as over WebSocket.
/// </summary>
internal static class EmulationEndpoints
{
    public const string HttpStreamPath = "/connection/http_stream";
    public const string SsePath = "/connection/sse";
    public const string EmulationPath = "/emulation";

    /// <summary>The request header with which the gateway names this edge for emulation routing.</summary>
    public const string NodeHeader = "X-Classroom-Node";

    /// <summary>A node token longer than this is not the gateway's; the edge's own id is used instead.</summary>
    private const int MaxNodeLength = 64;

    public static IEndpointRouteBuilder MapEmulatedTransports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HttpStreamPath, OpenHttpStreamAsync);
        endpoints.MapGet(SsePath, OpenSseAsync);
        endpoints.MapPost(EmulationPath, EmulateAsync);
        return endpoints;
    }

    private static async Task OpenHttpStreamAsync(HttpContext context, ConnectionRunner runner, EmulationSessions sessions)
    {
        if (!await runner.AdmitAsync(context))
        {
            return;
        }

        var connect = await BoundedBody.ReadAsync(context.Request, runner.Options.MaxFrameBytes, context.RequestAborted);
        if (connect is null || connect.Length == 0)
        {
            await RefuseConnectAsync(context, connect is null);
            return;
        }

        await RunAsync(context, runner, sessions, new HttpStreamTransport(context, connect, EmulationSessions.NewId(), NodeOf(context)), HttpStreamTransport.ContentType);
    }

    private static async Task OpenSseAsync(HttpContext context, ConnectionRunner runner, EmulationSessions sessions)
    {
        if (!await runner.AdmitAsync(context))
        {
            return;
        }

        var connect = Encoding.UTF8.GetBytes(context.Request.Query[SseTransport.ConnectParameter].ToString());
        if (connect.Length == 0 || connect.Length > runner.Options.MaxFrameBytes)
        {
            await RefuseConnectAsync(context, connect.Length > 0);
            return;
        }

        await RunAsync(context, runner, sessions, new SseTransport(context, connect, EmulationSessions.NewId(), NodeOf(context)), SseTransport.ContentType);
    }

    private static async Task RunAsync(HttpContext context, ConnectionRunner runner, EmulationSessions sessions, EmulatedTransport transport, string contentType)
    {
        await EmulatedTransport.StartStreamAsync(context, contentType);
        sessions.Add(transport);
        try
        {
            await runner.RunAsync(transport, context);
        }
        finally
        {
            sessions.Remove(transport);
            transport.Detach();
        }
    }

    private static async Task EmulateAsync(HttpContext context, EmulationSessions sessions, EdgeOriginCheck origins, IOptions<TransportOptions> options, ILogger<EmulationSessions> logger)
    {
        if (!await origins.AdmitAsync(context))
        {
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request, options.Value.MaxEmulationBodyBytes, context.RequestAborted);
        if (body is null)
        {
            TransportLog.EmulationRefused(logger, "body too large");
            await EmulationProblems.TooLargeAsync(context, "Edge:MaxEmulationBodyBytes");
            return;
        }

        if (!EmulationEnvelope.TryRead(body, out var envelope))
        {
            TransportLog.EmulationRefused(logger, "malformed body");
            await EmulationProblems.MalformedAsync(context);
            return;
        }

        var outcome = sessions.Find(envelope.Session) is { } transport
            ? await transport.DeliverAsync(Encoding.UTF8.GetBytes(envelope.Data))
            : EmulationOutcome.Closed;
        switch (outcome)
        {
            case EmulationOutcome.Delivered:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case EmulationOutcome.Busy:
                TransportLog.EmulationRefused(logger, "too many requests waiting");
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many emulation requests",
                    detail: "The session had too many commands waiting; it was disconnected (3013) and reconnects.").ExecuteAsync(context);
                return;
            default:
                TransportLog.UnknownSession(logger);
                await Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Unknown or expired session",
                    detail: "This edge holds no open stream for the session; the client reconnects and gets a new one.").ExecuteAsync(context);
                return;
        }
    }

    private static Task RefuseConnectAsync(HttpContext context, bool tooLarge) => tooLarge
        ? Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Connect command too large",
            detail: "The connect command may hold at most Edge:MaxFrameBytes bytes.").ExecuteAsync(context)
        : Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Connect command required",
            detail: "Send the connect command as the body (http_stream) or in the cf_connect parameter (sse), as the centrifuge SDK does.").ExecuteAsync(context);

    private static string? NodeOf(HttpContext context)
    {
        var node = context.Request.Headers[NodeHeader].ToString();
        return node.Length is > 0 and <= MaxNodeLength ? node : null;
    }
}
