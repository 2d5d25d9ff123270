using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.V1;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// The many-at-once operations of a retired generation's cleanup: its connections read, their entries removed one
/// script per channel and their index entries one script per batch. Each script stays in one slot (one channel's keys,
/// or one edge's), and the calls of a batch are issued together, so the multiplexer pipelines them.
/// </summary>
internal sealed class GenerationBatch(IConnectionMultiplexer redis, RegistryKeys keys)
{
    // KEYS: subs, owners, routes. ARGV: edge id, generation, connection ids...
    // Removes each connection's entry when the edge's generation owns it; the edge's route falls by the number removed
    // (and goes with its last subscriber). Returns the removed entries ('' when an entry had no bytes).
    private const string RemoveEntriesScript = """
        local owner = ARGV[2] .. '|' .. ARGV[1]
        local removed = {}
        for i = 3, #ARGV do
          if redis.call('HGET', KEYS[2], ARGV[i]) == owner then
            table.insert(removed, redis.call('HGET', KEYS[1], ARGV[i]) or '')
            redis.call('HDEL', KEYS[1], ARGV[i])
            redis.call('HDEL', KEYS[2], ARGV[i])
          end
        end
        if #removed > 0 and redis.call('HINCRBY', KEYS[3], ARGV[1], -#removed) <= 0 then
          redis.call('HDEL', KEYS[3], ARGV[1])
        end
        return removed
        """;

    // KEYS: generation connections, generation clients, then per connection: its channels, its user's connections.
    // ARGV: connection ids (in the order of their key pairs).
    private const string ForgetConnectionsScript = """
        for i = 1, #ARGV do
          redis.call('DEL', KEYS[1 + 2 * i])
          redis.call('SREM', KEYS[2 + 2 * i], ARGV[i])
        end
        redis.call('SREM', KEYS[1], unpack(ARGV))
        redis.call('HDEL', KEYS[2], unpack(ARGV))
        return #ARGV
        """;

    /// <summary>The channels of each of <paramref name="connectionIds"/>, and the user each was recorded under ('' when unknown).</summary>
    public async Task<IReadOnlyList<(string ConnectionId, string UserId, string[] Channels)>> ReadAsync(string edgeId, string generation, IReadOnlyList<string> connectionIds)
    {
        var database = redis.GetDatabase();
        var channels = connectionIds.Select(id => database.SetMembersAsync(keys.GenerationConnectionChannels(edgeId, generation, id))).ToList();
        var clients = await database.HashGetAsync(keys.GenerationClients(edgeId, generation), [.. connectionIds.Select(id => (RedisValue)id)]);
        var read = new List<(string, string, string[])>(connectionIds.Count);
        for (var i = 0; i < connectionIds.Count; i++)
        {
            var userId = clients[i].IsNull ? string.Empty : Connection.Parser.ParseFrom((byte[])clients[i]!).UserId;
            read.Add((connectionIds[i], userId, [.. (await channels[i]).Select(value => (string)value!)]));
        }

        return read;
    }

    /// <summary>Removes the entries of <paramref name="connectionIds"/> on <paramref name="channel"/> that the generation owns.</summary>
    public async Task<IReadOnlyList<ChannelSubscription?>> RemoveEntriesAsync(string channel, string edgeId, string generation, IReadOnlyList<string> connectionIds)
    {
        RedisKey[] scriptKeys = [keys.ChannelSubscriptions(channel), keys.ChannelOwners(channel), keys.ChannelRoutes(channel)];
        RedisValue[] values = [edgeId, generation, .. connectionIds.Select(id => (RedisValue)id)];
        var removed = (RedisResult[])(await SingleSlotScript.EvaluateAsync(redis.GetDatabase(), RemoveEntriesScript, scriptKeys, values))!;
        return [.. removed.Select(entry => (byte[]?)entry is { Length: > 0 } bytes ? Subscription.Parser.ParseFrom(bytes).ToDomain() : null)];
    }

    /// <summary>Takes the connections out of the generation's index (their channel sets, their users' sets, the generation's sets).</summary>
    public Task ForgetConnectionsAsync(string edgeId, string generation, IReadOnlyList<(string ConnectionId, string UserId)> connections)
    {
        var scriptKeys = new List<RedisKey>(2 + 2 * connections.Count)
        {
            keys.GenerationConnections(edgeId, generation),
            keys.GenerationClients(edgeId, generation),
        };
        foreach (var (connectionId, userId) in connections)
        {
            scriptKeys.Add(keys.GenerationConnectionChannels(edgeId, generation, connectionId));
            scriptKeys.Add(keys.GenerationUserConnections(edgeId, generation, userId));
        }

        return SingleSlotScript.EvaluateAsync(redis.GetDatabase(), ForgetConnectionsScript, [.. scriptKeys], [.. connections.Select(connection => (RedisValue)connection.ConnectionId)]);
    }
}
