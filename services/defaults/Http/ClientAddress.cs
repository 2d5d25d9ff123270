using System.Net;
using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.ServiceDefaults.Http;

/// <summary>
/// The address a request came from, for per-address limits: the first <c>X-Forwarded-For</c> entry when the gateway
/// set one (YARP replaces whatever the client sent), else the peer of the TCP connection.
/// </summary>
public static class ClientAddress
{
    private const string ForwardedForHeader = "X-Forwarded-For";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.Request.Headers[ForwardedForHeader].ToString(), context.Connection.RemoteIpAddress);
    }

    /// <summary>The same rule for a connection read without an <see cref="HttpContext"/> (the edge's raw WebSocket handshake).</summary>
    public static string Of(string? forwarded, IPAddress? peer)
    {
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var first = forwarded.Split(',', 2)[0].Trim();
            if (IPAddress.TryParse(first, out var parsed))
            {
                return parsed.ToString();
            }
        }

        return peer?.ToString() ?? "unknown";
    }
}
