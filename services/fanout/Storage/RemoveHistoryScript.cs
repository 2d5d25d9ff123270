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
    // ARGV: 1 candidate epoch, 2 meta expiry ms, 3 '1' when a promoted replica may keep the epoch (see PrimaryGeneration).
    // Returns {epoch, offset}. The retained bytes start again from the total so far, and the next append sets the new
    // stream's expiry (the removed stream's no longer applies).
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local meta = openMeta(ARGV[1], ARGV[3])
        redis.call('DEL', KEYS[1])
        local changes = meta.changes
        table.insert(changes, 'base')
        table.insert(changes, string.format('%d', meta.bytes))
        table.insert(changes, 'until')
        table.insert(changes, '0')
        redis.call('HSET', KEYS[2], unpack(changes))
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return {meta.epoch, meta.offset}
        """);
}
