using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>
/// Decides whether a connection token is valid, expired or invalid. The signature, algorithm, issuer and
/// audience are checked first and lifetime only after, so a forged token never reads as merely "expired".
/// </summary>
internal sealed class TokenValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly IReadOnlySet<string> _algorithms;
    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;
    private readonly bool _requireExpiry;
    private readonly TokenRejectionMetrics _metrics;
    private readonly ILogger<TokenValidator> _logger;

    public TokenValidator(IOptions<AuthOptions> options, SigningKeyRing keys, TimeProvider time, TokenRejectionMetrics metrics, ILogger<TokenValidator> logger)
    {
        var settings = options.Value;
        _algorithms = AcceptedAlgorithms.For(settings);
        _keys = keys;
        _time = time;
        _clockSkew = settings.ClockSkew;
        _requireExpiry = settings.RequireExpiry;
        _metrics = metrics;
        _logger = logger;
        _parameters = new TokenValidationParameters
        {
            ValidAlgorithms = _algorithms,
            IssuerSigningKeyResolver = (_, _, _, _) => _keys.All,
            RequireSignedTokens = true,
            ValidateIssuer = !string.IsNullOrEmpty(settings.Issuer),
            ValidIssuer = settings.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(settings.Audience),
            ValidAudience = settings.Audience,
            // Lifetime is judged below, after the signature, against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    public async Task<TokenVerdict> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var verdict = await JudgeAsync(token, cancellationToken);
        if (verdict.Outcome != TokenOutcome.Valid)
        {
            _metrics.Rejected(verdict.Reason);
            TokensLog.TokenRejected(_logger, verdict.Reason);
        }

        return verdict;
    }

    private async Task<TokenVerdict> JudgeAsync(string token, CancellationToken cancellationToken)
    {
        if (!_handler.CanReadToken(token))
        {
            return TokenVerdict.Invalid(RejectionReasons.Malformed);
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenVerdict.Invalid(RejectionReasons.Malformed);
        }

        if (jwt.IsEncrypted)
        {
            return TokenVerdict.Invalid(RejectionReasons.Malformed);
        }

        // Checked before any key is touched: "none" and algorithm-confusion tokens stop here.
        if (!_algorithms.Contains(jwt.Alg))
        {
            return TokenVerdict.Invalid(RejectionReasons.AlgorithmNotAllowed);
        }

        if (!string.IsNullOrEmpty(jwt.Kid) && !_keys.Holds(jwt.Kid))
        {
            await _keys.RefreshForUnknownKeyAsync(cancellationToken);
        }

        var result = await _handler.ValidateTokenAsync(jwt, _parameters);
        if (!result.IsValid)
        {
            return TokenVerdict.Invalid(ReasonFor(result.Exception));
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return JudgeClaims(payload.RootElement);
    }

    private TokenVerdict JudgeClaims(JsonElement payload)
    {
        if (!NumericDate.TryRead(payload, "exp", out var expires)
            || !NumericDate.TryRead(payload, "nbf", out var notBefore)
            || !NumericDate.TryRead(payload, "iat", out var issuedAt))
        {
            return TokenVerdict.Invalid(RejectionReasons.Malformed);
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skew = _clockSkew.TotalSeconds;
        if (expires is { } exp && now >= exp + skew)
        {
            return TokenVerdict.Expired();
        }

        if (notBefore is { } nbf && now < nbf - skew)
        {
            return TokenVerdict.Invalid(RejectionReasons.NotYetValid);
        }

        if (expires is null && _requireExpiry)
        {
            return TokenVerdict.Invalid(RejectionReasons.MissingExpiry);
        }

        // A token stamped in the future would outlive a kick (rejoining needs a token issued after it).
        if (issuedAt is { } iat && iat > now + skew)
        {
            return TokenVerdict.Invalid(RejectionReasons.IssuedInFuture);
        }

        var reason = PrincipalReader.TryRead(payload, expires, issuedAt, out var principal);
        return reason is null ? TokenVerdict.Valid(principal!) : TokenVerdict.Invalid(reason);
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => RejectionReasons.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => RejectionReasons.BadSignature,
        SecurityTokenInvalidIssuerException => RejectionReasons.Issuer,
        SecurityTokenInvalidAudienceException => RejectionReasons.Audience,
        SecurityTokenMalformedException or ArgumentException or JsonException or FormatException => RejectionReasons.Malformed,
        _ => RejectionReasons.Invalid,
    };
}
