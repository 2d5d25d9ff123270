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
        var forwarded = context.Request.Headers[ForwardedForHeader].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var first = forwarded.Split(',', 2)[0].Trim();
            if (IPAddress.TryParse(first, out var parsed))
            {
                return parsed.ToString();
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
