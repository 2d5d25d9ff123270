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

    /// <summary>The refusal's problem-details title and detail, alike on every path that answers it.</summary>
    public const string RefusalTitle = "Origin not allowed";

    public const string RefusalDetail = "This page's origin may not open a classroom connection (Edge:AllowedOrigins, Edge:AllowMissingOrigin).";

    /// <summary>Whether the request may go on; when not, it was answered with 403 problem details.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Request.Headers.Origin;
        if (Allows(origin.Count == 0 ? null : origin.ToString(), context.Request.Headers[ForwardedHostHeader].ToString(), context.Request.Host))
        {
            return true;
        }

        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: RefusalTitle, detail: RefusalDetail).ExecuteAsync(context);
        return false;
    }

    /// <summary>
    /// Whether a connection with <paramref name="origin"/> (null when absent) may open, given the
    /// <c>X-Forwarded-Host</c> (empty when absent) and <c>Host</c> it named; a refusal is logged.
    /// </summary>
    public bool Allows(string? origin, string? forwardedHost, HostString host)
    {
        var requested = RequestedHost(forwardedHost, host);
        if (_policy.Allows(origin, requested))
        {
            return true;
        }

        TransportLog.OriginRefused(logger, origin ?? string.Empty, requested.Value ?? string.Empty);
        return false;
    }

    private static HostString RequestedHost(string? forwarded, HostString host)
    {
        if (string.IsNullOrEmpty(forwarded))
        {
            return host;
        }

        // Proxies in a row append: the first entry is what the client asked for.
        var comma = forwarded.IndexOf(',', StringComparison.Ordinal);
        return new HostString((comma < 0 ? forwarded : forwarded[..comma]).Trim());
    }
}
