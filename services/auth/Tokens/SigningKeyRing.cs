using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Every key a token may be signed with: the HS256 secret, the configured PEM keys and the current JWKS keys.</summary>
internal sealed class SigningKeyRing
{
    private readonly SecurityKey[] _configured;
    private readonly JwksKeySource _jwks;

    public SigningKeyRing(IOptions<AuthOptions> options, JwksKeySource jwks)
    {
        _jwks = jwks;
        var settings = options.Value;
        var configured = new List<SecurityKey>();
        if (!string.IsNullOrEmpty(settings.Hs256Secret))
        {
            Hs256Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Hs256Secret));
            configured.Add(Hs256Key);
        }

        configured.AddRange(settings.PublicKeys.Select(PemPublicKey.Parse));
        _configured = [.. configured];
    }

    /// <summary>The key made from <see cref="AuthOptions.Hs256Secret"/>, or null when none is set.</summary>
    public SymmetricSecurityKey? Hs256Key { get; }

    public IEnumerable<SecurityKey> All => _jwks.Keys.Count == 0 ? _configured : _configured.Concat(_jwks.Keys);

    /// <summary>Whether a key with this <c>kid</c> is held; an unknown one usually means the issuer rotated its keys.</summary>
    public bool Holds(string keyId) => All.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));

    public Task RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => _jwks.RefreshForUnknownKeyAsync(cancellationToken);
}
