using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.ServiceDefaults.Origins;

/// <summary>A web origin (scheme, host, port), compared exactly: no suffix, wildcard or case trick makes a look-alike match.</summary>
public readonly record struct AllowedOrigin(string Scheme, string Host, int Port)
{
    /// <summary>Reads <c>scheme://host[:port]</c> (http or https, no path, query or user info); the port defaults by scheme.</summary>
    public static bool TryParse(string? text, out AllowedOrigin origin)
    {
        origin = default;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        if ((uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || text.TrimEnd().EndsWith('/'))
        {
            return false;
        }

        origin = new AllowedOrigin(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port);
        return true;
    }

    /// <summary>
    /// Whether this origin is the server's own, given the request's <c>Host</c> header. The scheme is not compared:
    /// TLS ends at the load balancer, so the server itself sees plain http for an https page.
    /// </summary>
    public bool IsSameSiteAs(HostString requestHost)
    {
        if (!requestHost.HasValue)
        {
            return false;
        }

        var port = requestHost.Port ?? (Scheme == Uri.UriSchemeHttps ? 443 : 80);
        return port == Port && string.Equals(Host, new Uri("http://" + requestHost.Host).IdnHost, StringComparison.OrdinalIgnoreCase);
    }
}
