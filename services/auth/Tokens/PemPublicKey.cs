using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Turns a PEM public key from configuration into a verification key.</summary>
internal static class PemPublicKey
{
    /// <summary>Parses an RSA or EC public key; throws <see cref="ArgumentException"/> when it is neither.</summary>
    public static SecurityKey Parse(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new ArgumentException("not a PEM RSA or EC public key", nameof(pem), exception);
        }
    }
}
