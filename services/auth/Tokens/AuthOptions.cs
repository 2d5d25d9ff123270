using System.ComponentModel.DataAnnotations;
using Classroom.Micro.Auth.DevTokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>How connection tokens are verified. Bound from the <c>Auth</c> section; at least one key source is required.</summary>
internal sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>Shared secret for HS256 tokens, at least 32 bytes of UTF-8. Never logged.</summary>
    public string? Hs256Secret { get; set; }

    /// <summary>PEM-encoded RSA or EC public keys (SubjectPublicKeyInfo or PKCS#1) that verify RS256/ES256 tokens.</summary>
    public IList<string> PublicKeys { get; } = [];

    /// <summary>URL of a JWKS document with the issuer's RS256/ES256 keys; fetched at start, periodically and on an unknown <c>kid</c>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>
    /// The accepted <c>alg</c> header values. Empty means derived: HS256 when a secret is set, plus RS256 and ES256
    /// when public keys or a JWKS URL are set. Any other value in a token, <c>none</c> included, is rejected.
    /// </summary>
    public IList<string> Algorithms { get; } = [];

    /// <summary>Required <c>iss</c> value; not checked when empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>Required <c>aud</c> value; not checked when empty.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Tolerance for <c>exp</c> and <c>nbf</c> between this service's clock and the issuer's; at most 30 s,
    /// because beyond that a leaked, expired token stays usable for too long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Refuse tokens without <c>exp</c> (reason <c>missing_exp</c>). On by default: a token that never expires stays
    /// usable for ever once leaked. Turn off only for an issuer that cannot set <c>exp</c>.
    /// </summary>
    public bool RequireExpiry { get; set; } = true;

    /// <summary>The development token endpoint (local runs only).</summary>
    public DevTokenOptions DevTokens { get; set; } = new();
}
