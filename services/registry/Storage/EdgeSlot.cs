using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.V1;
using Google.Protobuf;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// The keys of one edge: its lease, its retired generations and the per-generation index of its
/// (connection, channel) pairs. Every lease transition is one script, so a lease is retired exactly once.
/// </summary>
internal sealed class EdgeSlot(IConnectionMultiplexer redis, RegistryKeys keys)
{
    // KEYS: lease, retired. ARGV: now, new expiry, address, fresh generation, stats ('' = none reported).
    // A live lease is extended in place; an expired one is retired and replaced by a new generation, whose
    // stats are only what this acquire reported (a dead incarnation's numbers must not outlive it).
    // Returns {generation, retired generations...}.
    private const string AcquireScript = """
        local current = redis.call('HMGET', KEYS[1], 'generation', 'expires')
        local generation = current[1]
        if generation and tonumber(current[2]) > tonumber(ARGV[1]) then
          redis.call('HSET', KEYS[1], 'expires', ARGV[2], 'address', ARGV[3])
        else
          if generation then redis.call('SADD', KEYS[2], generation) end
          generation = ARGV[4]
          redis.call('HSET', KEYS[1], 'generation', generation, 'expires', ARGV[2], 'address', ARGV[3])
          redis.call('HDEL', KEYS[1], 'stats')
        end
        if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'stats', ARGV[5]) end
        local result = redis.call('SMEMBERS', KEYS[2])
        table.insert(result, 1, generation)
        return result
        """;

    // KEYS: lease, retired. ARGV: now, new expiry, stats ('' = keep the previous ones).
    // Returns nil when absent or expired, else {address, retired count, stats or ''}.
    private const string RenewScript = """
        local current = redis.call('HMGET', KEYS[1], 'generation', 'expires', 'address', 'stats')
        if not current[1] or tonumber(current[2]) <= tonumber(ARGV[1]) then return false end
        redis.call('HSET', KEYS[1], 'expires', ARGV[2])
        local stats = current[4] or ''
        if ARGV[3] ~= '' then
          redis.call('HSET', KEYS[1], 'stats', ARGV[3])
          stats = ARGV[3]
        end
        return {current[3] or '', redis.call('SCARD', KEYS[2]), stats}
        """;

    // KEYS: lease, retired. ARGV: now. Retires the lease when it expired at or before now.
    // Returns {expired now, live until (Unix ms, '0' when none), retired generations...}.
    private const string RetireScript = """
        local current = redis.call('HMGET', KEYS[1], 'generation', 'expires')
        local expired, liveUntil = 0, '0'
        if current[1] then
          if tonumber(current[2]) <= tonumber(ARGV[1]) then
            redis.call('SADD', KEYS[2], current[1])
            redis.call('DEL', KEYS[1])
            expired = 1
          else
            liveUntil = current[2]
          end
        end
        local result = redis.call('SMEMBERS', KEYS[2])
        table.insert(result, 1, liveUntil)
        table.insert(result, 1, expired)
        return result
        """;

    // KEYS: lease, generation connections, connection channels, generation clients, user's connections.
    // ARGV: generation, now, connection id, channel, connection bytes.
    // Indexes the pair (and the connection under its user) only while the generation holds a live lease. Returns {1}
    // when indexed, else {0, the generation of the live lease or ''}.
    private const string IndexScript = """
        local current = redis.call('HMGET', KEYS[1], 'generation', 'expires')
        local live = current[1] and tonumber(current[2]) > tonumber(ARGV[2])
        if not live or current[1] ~= ARGV[1] then
          if live then return {0, current[1]} end
          return {0, ''}
        end
        redis.call('SADD', KEYS[2], ARGV[3])
        redis.call('SADD', KEYS[3], ARGV[4])
        redis.call('HSETNX', KEYS[4], ARGV[3], ARGV[5])
        redis.call('SADD', KEYS[5], ARGV[3])
        return {1}
        """;

    // KEYS: generation connections, connection channels, generation clients, user's connections. ARGV: connection id, channel.
    // The connection leaves the user index with its last channel.
    private const string UnindexScript = """
        redis.call('SREM', KEYS[2], ARGV[2])
        if redis.call('EXISTS', KEYS[2]) == 0 then
          redis.call('SREM', KEYS[1], ARGV[1])
          redis.call('HDEL', KEYS[3], ARGV[1])
          redis.call('SREM', KEYS[4], ARGV[1])
        end
        return 1
        """;

    // KEYS: generation connections, connection channels, generation clients, user's connections. ARGV: connection id.
    private const string ForgetConnectionScript = """
        redis.call('DEL', KEYS[2])
        redis.call('SREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('SREM', KEYS[4], ARGV[1])
        return 1
        """;

    // KEYS: user's connections, generation clients. Returns the recorded connection of each id in the user index.
    private const string UserConnectionsScript = """
        local ids = redis.call('SMEMBERS', KEYS[1])
        if #ids == 0 then return {} end
        return redis.call('HMGET', KEYS[2], unpack(ids))
        """;

    // KEYS: retired, generation connections, claim, generation clients. ARGV: generation.
    private const string FinishGenerationScript = """
        redis.call('SREM', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
        return 1
        """;

    /// <summary>Passed as "now" to retire a lease whatever its expiry (release).</summary>
    public const long EndOfTime = long.MaxValue;

    /// <summary>Starts or extends the lease; <paramref name="stats"/> (the edge's serialized numbers) are kept with it when given.</summary>
    public async Task<(string Generation, IReadOnlyList<string> Retired)> AcquireAsync(string edgeId, string address, long nowUnixMs, long expiresUnixMs, byte[]? stats)
    {
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(
            AcquireScript, LeaseKeys(edgeId), nowUnixMs, expiresUnixMs, address, NewGeneration(), stats ?? []))!;
        return ((string)result[0]!, [.. result.Skip(1).Select(item => (string)item!)]);
    }

    /// <summary>
    /// Extends a live lease, replacing its stats when <paramref name="stats"/> is given; null when the lease is absent
    /// or already expired. Returns the stats now kept (empty when none).
    /// </summary>
    public async Task<(string Address, bool HasRetiredGenerations, byte[] Stats)?> RenewAsync(string edgeId, long nowUnixMs, long expiresUnixMs, byte[]? stats)
    {
        var result = await redis.GetDatabase().EvaluateAsync(RenewScript, LeaseKeys(edgeId), nowUnixMs, expiresUnixMs, stats ?? []);
        if (result.IsNull)
        {
            return null;
        }

        var items = (RedisResult[])result!;
        return ((string)items[0]!, (long)items[1] > 0, (byte[]?)items[2] ?? []);
    }

    /// <summary>Retires the lease if it expired at or before <paramref name="nowUnixMs"/> (<see cref="EndOfTime"/>: in any case).</summary>
    public async Task<LeaseInspection> RetireIfExpiredAsync(string edgeId, long nowUnixMs)
    {
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(RetireScript, LeaseKeys(edgeId), nowUnixMs))!;
        return new LeaseInspection(
            ExpiredNow: (int)result[0] == 1,
            LiveUntilUnixMs: long.Parse((string)result[1]!, System.Globalization.CultureInfo.InvariantCulture),
            RetiredGenerations: [.. result.Skip(2).Select(item => (string)item!)]);
    }

    public async Task<StoredLease?> ReadLeaseAsync(string edgeId)
    {
        var fields = await redis.GetDatabase().HashGetAsync(keys.EdgeLease(edgeId), ["generation", "expires", "address", "stats"]);
        return fields[0].IsNull
            ? null
            : new StoredLease((string)fields[0]!, (long)fields[1], (string?)fields[2] ?? string.Empty, fields[3].IsNull ? [] : (byte[])fields[3]!);
    }

    /// <summary>
    /// Records the pair under <paramref name="generation"/>, and the connection under its user. Null when indexed;
    /// otherwise that generation holds no live lease, and the result is the generation of the live lease (empty when
    /// there is none).
    /// </summary>
    public async Task<string?> IndexAsync(string edgeId, string generation, long nowUnixMs, ChannelSubscription subscription)
    {
        var connectionId = subscription.ConnectionId;
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(
            IndexScript,
            [
                keys.EdgeLease(edgeId),
                keys.GenerationConnections(edgeId, generation),
                keys.GenerationConnectionChannels(edgeId, generation, connectionId),
                keys.GenerationClients(edgeId, generation),
                keys.GenerationUserConnections(edgeId, generation, subscription.UserId),
            ],
            generation, nowUnixMs, connectionId, subscription.Channel, subscription.ToConnectionMessage().ToByteArray()))!;
        return (int)result[0] == 1 ? null : (string?)result[1] ?? string.Empty;
    }

    /// <summary>Takes the pair out of the index; with the connection's last channel, the connection leaves <paramref name="userId"/>'s index.</summary>
    public Task UnindexAsync(string edgeId, string generation, string connectionId, string userId, string channel) =>
        redis.GetDatabase().EvaluateAsync(UnindexScript, ConnectionKeys(edgeId, generation, connectionId, userId), connectionId, channel);

    public Task ForgetConnectionAsync(string edgeId, string generation, string connectionId, string userId) =>
        redis.GetDatabase().EvaluateAsync(ForgetConnectionScript, ConnectionKeys(edgeId, generation, connectionId, userId), connectionId);

    /// <summary>The connection as recorded with its first subscription under <paramref name="generation"/>; null when none is.</summary>
    public async Task<Connection?> ClientAsync(string edgeId, string generation, string connectionId)
    {
        var value = await redis.GetDatabase().HashGetAsync(keys.GenerationClients(edgeId, generation), connectionId);
        return value.IsNull ? null : Connection.Parser.ParseFrom((byte[])value!);
    }

    /// <summary>The connections of <paramref name="userId"/> that the edge registered under <paramref name="generation"/>.</summary>
    public async Task<IReadOnlyList<Connection>> UserConnectionsAsync(string edgeId, string generation, string userId)
    {
        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(
            UserConnectionsScript, [keys.GenerationUserConnections(edgeId, generation, userId), keys.GenerationClients(edgeId, generation)]))!;
        return [.. result.Where(item => !item.IsNull).Select(item => Connection.Parser.ParseFrom((byte[])item!))];
    }

    public async Task<IReadOnlyList<string>> ConnectionsAsync(string edgeId, string generation) =>
        [.. (await redis.GetDatabase().SetMembersAsync(keys.GenerationConnections(edgeId, generation))).Select(value => (string)value!)];

    public async Task<IReadOnlyList<string>> ChannelsAsync(string edgeId, string generation, string connectionId) =>
        [.. (await redis.GetDatabase().SetMembersAsync(keys.GenerationConnectionChannels(edgeId, generation, connectionId))).Select(value => (string)value!)];

    /// <summary>Claims the removal of a retired generation; the claim lapses after <paramref name="ttl"/> in case the claimer dies.</summary>
    public Task<bool> TryClaimAsync(string edgeId, string generation, TimeSpan ttl) =>
        redis.GetDatabase().StringSetAsync(keys.GenerationClaim(edgeId, generation), 1, ttl, When.NotExists);

    public Task FinishGenerationAsync(string edgeId, string generation) =>
        redis.GetDatabase().EvaluateAsync(
            FinishGenerationScript,
            [keys.EdgeRetiredGenerations(edgeId), keys.GenerationConnections(edgeId, generation), keys.GenerationClaim(edgeId, generation), keys.GenerationClients(edgeId, generation)],
            generation);

    private static string NewGeneration() => Guid.NewGuid().ToString("N");

    private RedisKey[] LeaseKeys(string edgeId) => [keys.EdgeLease(edgeId), keys.EdgeRetiredGenerations(edgeId)];

    private RedisKey[] ConnectionKeys(string edgeId, string generation, string connectionId, string userId) =>
    [
        keys.GenerationConnections(edgeId, generation),
        keys.GenerationConnectionChannels(edgeId, generation, connectionId),
        keys.GenerationClients(edgeId, generation),
        keys.GenerationUserConnections(edgeId, generation, userId),
    ];
}
