using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>Reads the ECDSA P-256 keys of the internal plane from PEM, and makes new ones (local run, tests).</summary>
public static class CallerKeys
{
    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>A fresh key pair: the private key (PKCS#8 PEM) for its service, the public key (SPKI PEM) for the others.</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The private key in <paramref name="pem"/>; throws when it is not an ECDSA P-256 private key.</summary>
    public static ECDsa PrivateKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            RequireP256(key);
            // A public key imports too; signing with it would fail at the first call instead of at start.
            key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key in <paramref name="pem"/> (a public key or a certificate); throws when it is not ECDSA P-256.</summary>
    public static ECDsa PublicKey(string pem)
    {
        if (pem.Contains(CertificateLabel, StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            var fromCertificate = certificate.GetECDsaPublicKey() ?? throw new CryptographicException("the certificate holds no ECDSA key");
            RequireP256(fromCertificate);
            return fromCertificate;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            RequireP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Why <paramref name="pem"/> is no usable private key, or null.</summary>
    internal static string? PrivateKeyProblem(string pem) => Problem(() => PrivateKey(pem), "must be an ECDSA P-256 private key in PEM");

    /// <summary>Why <paramref name="pem"/> is no usable public key, or null.</summary>
    internal static string? PublicKeyProblem(string pem) => Problem(() => PublicKey(pem), "must be an ECDSA P-256 public key or certificate in PEM");

    private static string? Problem(Func<ECDsa> read, string expected)
    {
        try
        {
            read().Dispose();
            return null;
        }
        catch (Exception failure) when (failure is CryptographicException or ArgumentException)
        {
            // The message names the expected form only: the exception text could quote the key.
            return expected;
        }
    }

    private static void RequireP256(ECDsa key)
    {
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new CryptographicException("the key is not on the P-256 curve");
        }
    }
}
