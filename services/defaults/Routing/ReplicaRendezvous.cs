namespace Classroom.Micro.ServiceDefaults.Routing;

/// <summary>
/// Rendezvous (highest random weight) hashing of channels over fanout replicas: every edge ranks the replicas of a
/// channel the same way from the channel's name and the replicas' addresses alone, so a channel's publishes from all
/// edges go to one replica while it is up, and when a replica joins or leaves only the channels it ranks first move.
/// </summary>
public static class ReplicaRendezvous
{
    /// <summary>A stable 64-bit hash of <paramref name="text"/> (FNV-1a over UTF-16 code units), the same in every process.</summary>
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The weight of a replica (by its <see cref="Hash"/>) for a channel (by its); the highest wins.</summary>
    public static ulong Weight(ulong channelHash, ulong replicaHash)
    {
        // splitmix64's finalizer: FNV alone mixes the high bits poorly, and the ranking compares whole values.
        var z = channelHash ^ replicaHash;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
