using Classroom.Micro.Gateway.Routing;
using Classroom.Micro.ServiceDefaults.Origins;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Gateway.Origins;

/// <summary>
/// Refuses a connection (WebSocket handshake, HTTP-streaming or SSE request, emulation request) whose <c>Origin</c> is
/// neither the gateway's own origin nor in <see cref="GatewayOptions.AllowedOrigins"/> with 403 problem details: another
/// site's page must not open a connection with the cookies or token of a logged-in browser (cross-site WebSocket
/// hijacking). No <c>Origin</c> (native SDKs) passes.
/// </summary>
internal sealed class ConnectionOriginCheck(IOptions<GatewayOptions> options, ILogger<ConnectionOriginCheck> logger)
{
    private readonly OriginPolicy _policy = new(options.Value.AllowedOrigins, allowMissingOrigin: true);

    /// <summary>Whether a request with <paramref name="origin"/> (the header, or null) to <paramref name="host"/> may go on.</summary>
    public bool Allows(string? origin, HostString host) => _policy.Allows(origin, host);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var origin = context.Request.Headers.Origin;
        if (Allows(origin.Count == 0 ? null : origin.ToString(), context.Request.Host))
        {
            if (origin.Count > 0 && EmulationCors.Covers(context.Request.Path) && await EmulationCors.AnswerAsync(context, origin.ToString()))
            {
                return;
            }

            await next();
            return;
        }

        OriginLog.Refused(logger, origin.ToString(), context.Request.Host.Value ?? "");
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Origin not allowed",
            detail: "This page's origin may not open a classroom connection (Gateway:AllowedOrigins).").ExecuteAsync(context);
    }
}
