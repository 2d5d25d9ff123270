using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>The pinned set of <c>alg</c> values a token may carry.</summary>
internal static class AcceptedAlgorithms
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256,
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.EcdsaSha256,
    };

    public static bool IsSymmetric(string algorithm) => algorithm == SecurityAlgorithms.HmacSha256;

    /// <summary>The configured list, or the one derived from the configured key sources.</summary>
    public static IReadOnlySet<string> For(AuthOptions options)
    {
        if (options.Algorithms.Count > 0)
        {
            return options.Algorithms.Select(algorithm => algorithm.Trim()).ToHashSet(StringComparer.Ordinal);
        }

        var derived = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Hs256Secret))
        {
            derived.Add(SecurityAlgorithms.HmacSha256);
        }

        if (options.PublicKeys.Count > 0 || !string.IsNullOrEmpty(options.JwksUrl))
        {
            derived.Add(SecurityAlgorithms.RsaSha256);
            derived.Add(SecurityAlgorithms.EcdsaSha256);
        }

        return derived;
    }
}
