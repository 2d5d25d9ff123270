using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Classroom.Micro.Gateway.Emulation;

/// <summary>
/// The <c>node</c> id an edge hands to emulation clients, derived from the edge's destination address as every gateway
/// replica knows it: any gateway maps it back to the owning edge, and the client learns nothing of the edge's address.
/// The gateway stamps it on each connection request it forwards (<see cref="HeaderName"/>); the edge answers it in the
/// connect result and the SDK sends it back with every <c>/emulation</c> request.
/// </summary>
internal static class EdgeNodeToken
{
    /// <summary>The request header carrying the token from the gateway to the edge it chose.</summary>
    public const string HeaderName = "X-Classroom-Node";

    // A handful of edges, so a handful of entries: tokens are asked for on every forwarded connection.
    private static readonly ConcurrentDictionary<string, string> Tokens = new(StringComparer.Ordinal);

    /// <summary>The token of the edge whose destination address is <paramref name="destinationAddress"/>.</summary>
    public static string For(string destinationAddress)
    {
        ArgumentNullException.ThrowIfNull(destinationAddress);
        return Tokens.GetOrAdd(destinationAddress, static address =>
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes("classroom-edge:" + address), hash);
            return "e" + Convert.ToHexStringLower(hash[..12]);
        });
    }
}
