using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Classroom.Micro.Gateway.Balancing;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: a key goes to the node with the highest weight for that key.
/// Removing a node moves only the keys that were on it, and every gateway replica agrees on the choice
/// because the weights depend only on the key and the node id (XxHash64 is stable across processes and versions).
/// </summary>
internal static class RendezvousHash
{
    private const int StackLimit = 256;

    /// <summary>The node among <paramref name="nodes"/> that owns <paramref name="key"/>, or default when there is none.</summary>
    public static T? Choose<T>(string key, IReadOnlyList<T> nodes, Func<T, string> nodeId)
    {
        var keyHash = Hash(key, seed: 0);
        T? best = default;
        var bestWeight = 0UL;
        var bestId = string.Empty;
        for (var i = 0; i < nodes.Count; i++)
        {
            var id = nodeId(nodes[i]);
            var weight = Hash(id, seed: keyHash);
            // Ties (astronomically rare) are broken by id so the choice never depends on list order.
            if (i == 0 || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(id, bestId) < 0))
            {
                best = nodes[i];
                bestWeight = weight;
                bestId = id;
            }
        }

        return best;
    }

    private static ulong Hash(string value, ulong seed)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            return XxHash64.HashToUInt64(buffer[..written], unchecked((long)seed));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
