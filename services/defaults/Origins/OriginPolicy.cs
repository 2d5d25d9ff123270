using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.ServiceDefaults.Origins;

/// <summary>
/// Which browser origins may open a classroom connection: the server's own origin, the configured ones (matched
/// exactly), and, when <see cref="AllowsMissingOrigin"/>, requests without an <c>Origin</c> header (native SDKs and
/// servers, which a browser page cannot impersonate). Shared by the gateway and the edge so both judge alike.
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<AllowedOrigin> _allowed;

    /// <param name="allowedOrigins">Origins (<c>scheme://host[:port]</c>) allowed besides the server's own; malformed entries are ignored (options validation refuses them first).</param>
    /// <param name="allowMissingOrigin">Whether a request without an <c>Origin</c> header passes.</param>
    public OriginPolicy(IEnumerable<string> allowedOrigins, bool allowMissingOrigin)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        _allowed = [.. allowedOrigins.Select(text => AllowedOrigin.TryParse(text, out var origin) ? origin : (AllowedOrigin?)null).OfType<AllowedOrigin>()];
        AllowsMissingOrigin = allowMissingOrigin;
    }

    /// <summary>Whether a request without an <c>Origin</c> header passes.</summary>
    public bool AllowsMissingOrigin { get; }

    /// <summary>Whether a request with <paramref name="origin"/> (the header, or null) to <paramref name="host"/> may go on.</summary>
    public bool Allows(string? origin, HostString host)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return AllowsMissingOrigin;
        }

        return AllowedOrigin.TryParse(origin, out var parsed) && (_allowed.Contains(parsed) || parsed.IsSameSiteAs(host));
    }

    /// <summary>The index and text of every entry of <paramref name="allowedOrigins"/> that is not an origin, for options validation.</summary>
    public static IEnumerable<(int Index, string Text)> Malformed(IReadOnlyList<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        for (var i = 0; i < allowedOrigins.Count; i++)
        {
            if (!AllowedOrigin.TryParse(allowedOrigins[i], out _))
            {
                yield return (i, allowedOrigins[i]);
            }
        }
    }
}
