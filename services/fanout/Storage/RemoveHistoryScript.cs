using Classroom.Micro.ServiceDefaults.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Removes a channel's publications and keeps its position: only the stream goes, the meta (epoch and last offset)
/// stays and its expiry is refreshed. The next append continues the offsets in the same epoch, so a reader that
/// asks for a removed offset finds it missing (the first retained offset, or an empty stream, says so) instead of
/// finding other publications under offsets it already saw.
/// </summary>
internal static class RemoveHistoryScript
{
    // KEYS: 1 stream, 2 meta.
    // ARGV: 1 candidate epoch, 2 meta ttl ms, 3 '1' when a promoted replica may keep the epoch (see PrimaryGeneration).
    // Returns {epoch, offset}.
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local epoch = currentEpoch(ARGV[1], ARGV[3])
        redis.call('DEL', KEYS[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return {epoch, tonumber(redis.call('HGET', KEYS[2], 'offset'))}
        """);
}
