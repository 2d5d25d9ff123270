using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// The sorted set sweepers poll: each edge scored by when it next needs a look — its lease expiry, or
/// "now" while entries of a retired generation still await removal. It only points sweepers somewhere;
/// the edge's own keys decide what is expired.
/// </summary>
internal sealed class LeaseSchedule(IConnectionMultiplexer redis, RegistryKeys keys)
{
    // KEYS: schedule. ARGV: edge id, now. Unschedules the edge unless someone rescheduled it into the future.
    private const string RemoveIfDueScript = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if score and tonumber(score) <= tonumber(ARGV[2]) then
          return redis.call('ZREM', KEYS[1], ARGV[1])
        end
        return 0
        """;

    public Task ScheduleAsync(string edgeId, long atUnixMs) =>
        redis.GetDatabase().SortedSetAddAsync(keys.LeaseSchedule, edgeId, atUnixMs);

    /// <summary>Moves the edge's next look later, never earlier (a concurrent renewal may already have moved it further).</summary>
    public Task RaiseAsync(string edgeId, long atUnixMs) =>
        redis.GetDatabase().SortedSetAddAsync(keys.LeaseSchedule, edgeId, atUnixMs, SortedSetWhen.GreaterThan);

    public Task RemoveIfDueAsync(string edgeId, long nowUnixMs) =>
        redis.GetDatabase().EvaluateAsync(RemoveIfDueScript, [keys.LeaseSchedule], edgeId, nowUnixMs);

    public async Task<IReadOnlyList<string>> DueAsync(long nowUnixMs, int limit) =>
        [.. (await redis.GetDatabase().SortedSetRangeByScoreAsync(keys.LeaseSchedule, double.NegativeInfinity, nowUnixMs, take: limit))
            .Select(value => (string)value!)];

    public async Task<IReadOnlyList<string>> AllAsync() =>
        [.. (await redis.GetDatabase().SortedSetRangeByRankAsync(keys.LeaseSchedule)).Select(value => (string)value!)];
}
