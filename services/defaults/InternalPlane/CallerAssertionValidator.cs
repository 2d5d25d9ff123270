using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// Checks the caller assertions sent to this service: ES256, signed by the key of the caller it names, for this
/// service as audience, unexpired and short-lived. Assertions already checked are remembered until they expire, so a
/// caller's steady stream of calls costs one signature check per renewal, not one per call.
/// </summary>
internal sealed class CallerAssertionValidator
{
    private const int MaxRemembered = 4096;
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Validated> _remembered = new(StringComparer.Ordinal);

    public CallerAssertionValidator(string audience, IReadOnlyDictionary<string, string> callerPublicKeys, TimeProvider time)
    {
        _time = time;
        var keys = callerPublicKeys.ToDictionary(
            caller => caller.Key.ToLowerInvariant(),
            caller => (SecurityKey)new ECDsaSecurityKey(CallerKeys.PublicKey(caller.Value)),
            StringComparer.Ordinal);
        _parameters = new TokenValidationParameters
        {
            ValidAudience = audience,
            ValidIssuers = keys.Keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            // The key is the named caller's own: a valid signature with another caller's key is a forgery.
            IssuerSigningKeyResolver = (_, token, _, _) =>
                token is JsonWebToken jwt && keys.TryGetValue(jwt.Issuer, out var key) ? [key] : [],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = s_clockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => LifetimeValid(notBefore, expires),
        };
    }

    /// <summary>The caller the assertion in <paramref name="header"/> proves, or why it proves none (never echoing it).</summary>
    public async ValueTask<CallerCheck> CheckAsync(string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(CallerCredential.Scheme, StringComparison.Ordinal))
        {
            return CallerCheck.Refused("no caller assertion");
        }

        var assertion = header[CallerCredential.Scheme.Length..];
        if (_remembered.TryGetValue(assertion, out var known))
        {
            if (_time.GetUtcNow() < known.Expires)
            {
                return CallerCheck.Proven(known.Caller);
            }

            _remembered.TryRemove(assertion, out _);
        }

        var result = await _handler.ValidateTokenAsync(assertion, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return CallerCheck.Refused(Reason(result.Exception));
        }

        if (_remembered.Count >= MaxRemembered)
        {
            // Callers are a handful of services renewing every few minutes: a full table means churn, so start over.
            _remembered.Clear();
        }

        _remembered[assertion] = new Validated(token.Issuer, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
        return CallerCheck.Proven(token.Issuer);
    }

    private bool LifetimeValid(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end
            && end + s_clockSkew > now
            && (notBefore is not { } start || start - s_clockSkew <= now)
            // A long-lived assertion would be a bearer password: refuse anything longer than the limit.
            && end - now <= InternalPlaneOptions.MaxAssertionLifetime + s_clockSkew;
    }

    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "assertion for another service",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException => "assertion expired or too long-lived",
        SecurityTokenInvalidIssuerException => "assertion from an unknown caller",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "assertion signature invalid",
        SecurityTokenInvalidAlgorithmException => "assertion algorithm not ES256",
        _ => "assertion malformed or invalid",
    };

    private sealed record Validated(string Caller, DateTimeOffset Expires);
}

/// <summary>The outcome of a caller check: the caller proven, or the reason none was (safe to log).</summary>
internal readonly record struct CallerCheck(string? Caller, string Reason)
{
    public static CallerCheck Proven(string caller) => new(caller, string.Empty);

    public static CallerCheck Refused(string reason) => new(null, reason);
}
