using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.V1;
using Google.Protobuf;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// The keys of one channel (subscriptions, owners, routes). Entries and route counts change together in one
/// script, so a count moves only when an entry really appeared or disappeared: a duplicate add or a second
/// sweeper removing the same entry never counts twice.
/// </summary>
internal sealed class ChannelSlot(IConnectionMultiplexer redis, RegistryKeys keys)
{
    // KEYS: subs, owners, routes. ARGV: connection id, edge id, generation, subscription bytes.
    // Returns {created for this edge, route created}; an entry moving between edges moves its count too.
    private const string AddScript = """
        local previous = redis.call('HGET', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. '|' .. ARGV[2])
        if previous then
          local previousEdge = string.sub(previous, string.find(previous, '|', 1, true) + 1)
          if previousEdge == ARGV[2] then
            return {0, 0}
          end
          if redis.call('HINCRBY', KEYS[3], previousEdge, -1) <= 0 then
            redis.call('HDEL', KEYS[3], previousEdge)
          end
        end
        local routeCreated = 0
        if redis.call('HINCRBY', KEYS[3], ARGV[2], 1) == 1 then routeCreated = 1 end
        return {1, routeCreated}
        """;

    // KEYS: subs, owners, routes. ARGV: connection id, edge id, generation ('' = any generation of the edge).
    // Returns {removed, route removed (the edge has no subscriber left on the channel), generation, the removed entry}.
    private const string RemoveScript = """
        local owner = redis.call('HGET', KEYS[2], ARGV[1])
        local generation, edge = '', ''
        if owner then
          local bar = string.find(owner, '|', 1, true)
          generation = string.sub(owner, 1, bar - 1)
          edge = string.sub(owner, bar + 1)
        end
        if not owner or edge ~= ARGV[2] or (ARGV[3] ~= '' and generation ~= ARGV[3]) then
          local routeAbsent = 0
          if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then routeAbsent = 1 end
          return {0, routeAbsent, ''}
        end
        local entry = redis.call('HGET', KEYS[1], ARGV[1]) or ''
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        if redis.call('HINCRBY', KEYS[3], edge, -1) <= 0 then
          redis.call('HDEL', KEYS[3], edge)
          return {1, 1, generation, entry}
        end
        return {1, 0, generation, entry}
        """;

    public async Task<ChannelEntryAdded> AddAsync(ChannelSubscription subscription, string generation)
    {
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(
            AddScript,
            Keys(subscription.Channel),
            subscription.ConnectionId,
            subscription.EdgeId,
            generation,
            subscription.ToMessage().ToByteArray()))!;
        return new ChannelEntryAdded(Created: (int)result[0] == 1, RouteCreated: (int)result[1] == 1);
    }

    /// <summary>Removes the entry when it belongs to <paramref name="edgeId"/> (and <paramref name="generation"/>, when given).</summary>
    public async Task<ChannelEntryRemoved> RemoveAsync(string channel, string connectionId, string edgeId, string? generation)
    {
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(
            RemoveScript,
            Keys(channel),
            connectionId,
            edgeId,
            generation ?? string.Empty))!;
        var entry = result.Length > 3 ? (byte[]?)result[3] : null;
        return new ChannelEntryRemoved(
            Removed: (int)result[0] == 1,
            RouteRemoved: (int)result[1] == 1,
            Generation: (string)result[2]!,
            Entry: entry is { Length: > 0 } ? Subscription.Parser.ParseFrom(entry).ToDomain() : null);
    }

    public async Task<IReadOnlyList<ChannelSubscription>> ListSubscriptionsAsync(string channel)
    {
        var values = await redis.GetDatabase().HashValuesAsync(keys.ChannelSubscriptions(channel));
        return [.. values.Select(value => Subscription.Parser.ParseFrom((byte[])value!).ToDomain())];
    }

    public async Task<IReadOnlyList<EdgeRoute>> ListRoutesAsync(string channel)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.ChannelRoutes(channel));
        return [.. entries.Select(entry => new EdgeRoute(entry.Name!, (int)entry.Value))];
    }

    private RedisKey[] Keys(string channel) =>
        [keys.ChannelSubscriptions(channel), keys.ChannelOwners(channel), keys.ChannelRoutes(channel)];
}
