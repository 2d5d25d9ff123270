using Classroom.Micro.Registry.Channels;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Which channels have subscribers, found from the channels' route hashes: a route hash exists exactly while some
/// edge has a subscriber on its channel (the last decrement deletes it), so no separate index has to be kept in
/// step with every subscribe. Finding them walks the keyspace of every primary with SCAN, which is why listing
/// channels is an operator's call, never part of a client's path.
/// </summary>
internal sealed class ChannelDirectory(IConnectionMultiplexer redis, RegistryKeys keys, int limit)
{
    /// <summary>Route hashes read in one round of concurrent calls.</summary>
    internal const int CountBatchSize = 1000;

    private const int ScanPageSize = 1000;

    /// <summary>
    /// The channels <paramref name="pattern"/> matches, by name, or <see cref="ChannelListing.TooMany"/> as soon as more
    /// than the limit match (at most one name over the limit is ever held). Throws <see cref="RedisConnectionException"/>
    /// when a primary holding keys is disconnected: a list without its channels would look complete.
    /// </summary>
    public async Task<ChannelListing> ListAsync(ChannelPattern pattern, CancellationToken cancellationToken)
    {
        // SCAN may return a key twice; a cluster's primaries hold disjoint slots.
        var channels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var server in Primaries())
        {
            await foreach (var key in server.KeysAsync(pattern: keys.AllChannelRoutes, pageSize: ScanPageSize).WithCancellation(cancellationToken))
            {
                if (keys.ChannelOfRoutes(key!) is { } channel && pattern.Matches(channel) && channels.Add(channel) && channels.Count > limit)
                {
                    return ChannelListing.TooMany;
                }
            }
        }

        var database = redis.GetDatabase();
        var active = new List<ActiveChannel>(channels.Count);
        foreach (var batch in channels.Chunk(CountBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var counts = await Task.WhenAll(batch.Select(channel => database.HashValuesAsync(keys.ChannelRoutes(channel))));
            active.AddRange(batch.Zip(counts)
                .Select(pair => new ActiveChannel(pair.First, pair.Second.Sum(count => (int)count)))
                // A channel whose last subscriber left between the scan and the count.
                .Where(channel => channel.Subscribers > 0));
        }

        return ChannelListing.Of(active);
    }

    /// <summary>The primaries that together hold every key.</summary>
    private List<IServer> Primaries()
    {
        var servers = redis.GetServers();
        var connected = servers.Where(server => server.IsConnected && !server.IsReplica).ToList();
        if (connected.Count == 0)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connected Redis primary to list channels on");
        }

        // Standalone or Sentinel: every key is on the primary in use. A disconnected server still listed as a primary is
        // a former one (Sentinel promoted its replica), whose keys the new primary has too.
        if (connected[0].ServerType != ServerType.Cluster)
        {
            return connected;
        }

        // A cluster's primaries hold disjoint slots: the owner of every assigned slot must be scanned, or the channels
        // in its slots would be missing. Owners as the client last learnt them (it looks again when a node fails or
        // a slot moves): a failed primary whose replica took over owns none.
        var nodes = connected.Select(server => server.ClusterConfiguration).FirstOrDefault(configuration => configuration is not null)
            ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "The Redis cluster's slot owners are not known yet");
        var owners = new List<IServer>();
        foreach (var node in nodes.Nodes.Where(node => !node.IsReplica && node.Slots.Count > 0))
        {
            var owner = connected.Find(server => server.EndPoint.Equals(node.EndPoint))
                ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None,
                    $"Redis primary {node.EndPoint} is not connected: the channels in its slots cannot be listed");
            owners.Add(owner);
        }

        return owners;
    }
}
