using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// Signs this service's caller assertions: short-lived ES256 JWTs naming this service (issuer) and the service it
/// calls (audience). Only this service holds its private key, so no other pod can speak in its name.
/// </summary>
public sealed class CallerAssertionIssuer : IDisposable
{
    private readonly ECDsa _key;
    private readonly SigningCredentials _signing;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentDictionary<string, CallerCredential> _byAudience = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>An issuer for <paramref name="identity"/> signing with <paramref name="privateKeyPem"/>.</summary>
    public CallerAssertionIssuer(string identity, string privateKeyPem, TimeProvider time, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        Identity = identity;
        _key = CallerKeys.PrivateKey(privateKeyPem);
        // No shared signature-provider cache: IdentityModel's default one is process-wide and keyed by the public key,
        // so it would hand a later issuer of the same identity a provider around this (disposed) key.
        var securityKey = new ECDsaSecurityKey(_key) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        _signing = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>The identity this service signs as.</summary>
    public string Identity { get; }

    /// <summary>The credential of calls to <paramref name="audience"/>: one per audience, its assertion cached and renewed.</summary>
    public CallerCredential To(string audience) => _byAudience.GetOrAdd(audience, name => new CallerCredential(this, name));

    /// <summary>A new assertion for <paramref name="audience"/>, and when it expires.</summary>
    internal (string Assertion, DateTimeOffset Expires) Sign(string audience)
    {
        // Credentials of different audiences share the key; an ECDsa instance is not documented as thread-safe, and a
        // signature every few minutes per audience costs nothing to serialise.
        lock (_key)
        {
            return SignLocked(audience);
        }
    }

    private (string Assertion, DateTimeOffset Expires) SignLocked(string audience)
    {
        var now = _time.GetUtcNow();
        var expires = now + _lifetime;
        var assertion = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Identity,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _signing,
        });
        return (assertion, expires);
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"caller {Identity}";
}
