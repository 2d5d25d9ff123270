using Classroom.Micro.ServiceDefaults.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// A read of a channel's stream as one snapshot: the position returned is never behind the publications
/// returned. The first read of a channel creates its meta, so the epoch is stable from then on.
/// </summary>
internal static class ReadScript
{
    // KEYS: 1 stream, 2 meta.
    // ARGV: 1 candidate epoch, 2 meta ttl ms, 3 since offset, 4 count (0 none, -1 all), 5 '1' for newest first,
    // 6 '1' when a promoted replica may keep the epoch (see PrimaryGeneration).
    // Returns {epoch, offset, first retained entry id or '', entries}.
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local epoch = currentEpoch(ARGV[1], ARGV[6])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        local offset = tonumber(redis.call('HGET', KEYS[2], 'offset'))
        local first = ''
        local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        if oldest[1] then
          first = oldest[1][1]
        end
        local entries = {}
        local count = tonumber(ARGV[4])
        if count ~= 0 and tonumber(ARGV[3]) < offset then
          local after = '(' .. ARGV[3] .. '-0'
          local args
          if ARGV[5] == '1' then
            args = {'XREVRANGE', KEYS[1], '+', after}
          else
            args = {'XRANGE', KEYS[1], after, '+'}
          end
          if count > 0 then
            table.insert(args, 'COUNT')
            table.insert(args, count)
          end
          entries = redis.call(unpack(args))
        end
        return {epoch, offset, first, entries}
        """);
}
