using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>Keys generated once per test run: an HS256 secret, a wrong one, and RSA and EC key pairs.</summary>
internal static class TestKeys
{
    public const string Secret = "test-secret-that-is-at-least-32-bytes-long!";
    public const string OtherSecret = "another-secret-that-is-at-least-32-bytes!!";

    public static readonly SymmetricSecurityKey Hs256 = new(Encoding.UTF8.GetBytes(Secret));
    public static readonly SymmetricSecurityKey OtherHs256 = new(Encoding.UTF8.GetBytes(OtherSecret));

    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly RSA OtherRsa = RSA.Create(2048);
    public static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string RsaPublicPem => Rsa.ExportSubjectPublicKeyInfoPem();

    public static string EcPublicPem => Ec.ExportSubjectPublicKeyInfoPem();

    public static RsaSecurityKey RsaKey(string? keyId = null, RSA? rsa = null) => new(rsa ?? Rsa) { KeyId = keyId };

    public static ECDsaSecurityKey EcKey(string? keyId = null) => new(Ec) { KeyId = keyId };
}
