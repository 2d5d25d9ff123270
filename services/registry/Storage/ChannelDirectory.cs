using Classroom.Micro.Registry.Channels;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Which channels have subscribers, found from the channels' route hashes: a route hash exists exactly while some
/// edge has a subscriber on its channel (the last decrement deletes it), so no separate index has to be kept in
/// step with every subscribe. Finding them walks the keyspace of every primary with SCAN, which is why listing
/// channels is an operator's call, never part of a client's path.
/// </summary>
internal sealed class ChannelDirectory(IConnectionMultiplexer redis, RegistryKeys keys)
{
    private const int ScanPageSize = 1000;

    public async Task<IReadOnlyList<ActiveChannel>> ListAsync(ChannelPattern pattern, CancellationToken cancellationToken)
    {
        var primaries = redis.GetServers().Where(server => server.IsConnected && !server.IsReplica).ToList();
        if (primaries.Count == 0)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connected Redis primary to list channels on");
        }

        // SCAN may return a key twice; a cluster's primaries hold disjoint slots.
        var channels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var server in primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: keys.AllChannelRoutes, pageSize: ScanPageSize).WithCancellation(cancellationToken))
            {
                if (keys.ChannelOfRoutes(key!) is { } channel && pattern.Matches(channel))
                {
                    channels.Add(channel);
                }
            }
        }

        var database = redis.GetDatabase();
        var counts = await Task.WhenAll(channels.Select(channel => database.HashValuesAsync(keys.ChannelRoutes(channel))));
        return
        [
            .. channels.Zip(counts)
                .Select(pair => new ActiveChannel(pair.First, pair.Second.Sum(count => (int)count)))
                // A channel whose last subscriber left between the scan and the count.
                .Where(channel => channel.Subscribers > 0),
        ];
    }
}
