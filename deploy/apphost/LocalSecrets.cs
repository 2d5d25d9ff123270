using System.Security.Cryptography;

namespace Classroom.Micro.AppHost;

/// <summary>Secrets of the local run, fresh on every start; nothing here is ever checked in or reused.</summary>
internal static class LocalSecrets
{
    /// <summary>The internal-plane identities (services/defaults InternalServices) the local run gives a key pair.</summary>
    private static readonly string[] s_identities = ["edge", "api", "auth", "registry", "fanout"];

    /// <summary>Each identity's ECDSA P-256 key pair (PKCS#8 private, SPKI public, PEM), generated at start.</summary>
    private static readonly Dictionary<string, (string Private, string Public)> s_keys = s_identities.ToDictionary(identity => identity, _ =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    });

    /// <summary>
    /// Gives <paramref name="service"/> the internal identity <paramref name="identity"/>: its own private key, and
    /// the public keys of every caller (each server's allow lists decide which of them may call what).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithInternalIdentity(this IResourceBuilder<ProjectResource> service, string identity)
    {
        service.WithEnvironment("Internal__Identity", identity).WithEnvironment("Internal__PrivateKey", s_keys[identity].Private);
        foreach (var (caller, keys) in s_keys)
        {
            service.WithEnvironment($"Internal__Callers__{caller}", keys.Public);
        }

        return service;
    }
}
