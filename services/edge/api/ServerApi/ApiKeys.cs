using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The configured API keys and the one way to check a presented key against them: in constant time, whatever
/// the key's length or which configured key it resembles, so timing reveals nothing about the keys.
/// </summary>
internal sealed class ApiKeys
{
    private readonly byte[][] _digests;

    public ApiKeys(IOptions<ServerApiOptions> options) =>
        _digests = options.Value.Keys.Select(Digest).ToArray();

    /// <summary>False when no key is configured: the API then refuses every call.</summary>
    public bool IsEnabled => _digests.Length > 0;

    /// <summary>Whether <paramref name="presented"/> is one of the configured keys.</summary>
    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || _digests.Length == 0)
        {
            return false;
        }

        var digest = Digest(presented);
        var accepted = false;
        // Every key is compared, so the time does not depend on which one matched.
        foreach (var key in _digests)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(digest, key);
        }

        return accepted;
    }

    /// <summary>
    /// Compares two secrets in constant time. Both are hashed first: <see cref="CryptographicOperations.FixedTimeEquals"/>
    /// returns early on a length mismatch, which would reveal the length of the key.
    /// </summary>
    public static bool SameSecret(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Digest(left), Digest(right));

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
