using Classroom.Micro.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Gateway.Origins;

/// <summary>
/// Refuses a WebSocket handshake whose <c>Origin</c> is neither the gateway's own origin nor in
/// <see cref="GatewayOptions.AllowedOrigins"/> with 403 problem details: another site's page must not open a socket with
/// the cookies or token of a logged-in browser (cross-site WebSocket hijacking). No <c>Origin</c> (native SDKs) passes.
/// </summary>
internal sealed class WebSocketOriginCheck
{
    private readonly HashSet<AllowedOrigin> _allowed;
    private readonly ILogger<WebSocketOriginCheck> _logger;

    public WebSocketOriginCheck(IOptions<GatewayOptions> options, ILogger<WebSocketOriginCheck> logger)
    {
        _allowed = [.. options.Value.AllowedOrigins.Select(text => AllowedOrigin.TryParse(text, out var origin) ? origin : default)];
        _logger = logger;
    }

    /// <summary>Whether a handshake with <paramref name="origin"/> (the header, or null) to <paramref name="host"/> may go on.</summary>
    public bool Allows(string? origin, HostString host)
    {
        if (origin is null)
        {
            return true;
        }

        return AllowedOrigin.TryParse(origin, out var parsed) && (_allowed.Contains(parsed) || parsed.IsSameSiteAs(host));
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var origin = context.Request.Headers.Origin;
        if (Allows(origin.Count == 0 ? null : origin.ToString(), context.Request.Host))
        {
            await next();
            return;
        }

        OriginLog.Refused(_logger, origin.ToString(), context.Request.Host.Value ?? "");
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Origin not allowed",
            detail: "This page's origin may not open a classroom connection (Gateway:AllowedOrigins).").ExecuteAsync(context);
    }
}
