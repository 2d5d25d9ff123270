using Classroom.Micro.ServiceDefaults.Origins;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// The edge's own <c>Origin</c> check on every connection (WebSocket, HTTP-streaming, SSE) and emulation request, so a
/// page of another site reaching an edge directly finds no open door (the gateway checks too). The same rules as the
/// gateway's (<see cref="OriginPolicy"/>). The edge's own origin is the host the client asked for: the gateway's
/// <c>X-Forwarded-Host</c> when present. A browser page cannot forge that header: WebSocket handshakes and EventSource
/// carry no custom headers, and a fetch with one needs a CORS preflight the edge never grants.
/// </summary>
internal sealed class EdgeOriginCheck(IOptions<TransportOptions> options, ILogger<EdgeOriginCheck> logger)
{
    private const string ForwardedHostHeader = "X-Forwarded-Host";

    private readonly OriginPolicy _policy = new(options.Value.AllowedOrigins, options.Value.AllowMissingOrigin);

    /// <summary>Whether the request may go on; when not, it was answered with 403 problem details.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin;
        var host = RequestedHost(context.Request);
        if (_policy.Allows(origin.Count == 0 ? null : origin.ToString(), host))
        {
            return true;
        }

        TransportLog.OriginRefused(logger, origin.ToString(), host.Value ?? string.Empty);
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Origin not allowed",
            detail: "This page's origin may not open a classroom connection (Edge:AllowedOrigins, Edge:AllowMissingOrigin).").ExecuteAsync(context);
        return false;
    }

    private static HostString RequestedHost(HttpRequest request)
    {
        var forwarded = request.Headers[ForwardedHostHeader].ToString();
        if (forwarded.Length == 0)
        {
            return request.Host;
        }

        // Proxies in a row append: the first entry is what the client asked for.
        var comma = forwarded.IndexOf(',', StringComparison.Ordinal);
        return new HostString((comma < 0 ? forwarded : forwarded[..comma]).Trim());
    }
}
