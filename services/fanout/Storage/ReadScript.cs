using Classroom.Micro.ServiceDefaults.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// A read of a channel's stream as one snapshot: the position returned is never behind the publications
/// returned. The first read of a channel creates its meta, so the epoch is stable from then on. Every range is read
/// with <c>COUNT</c> in pages and stops at a byte budget, so no answer can outgrow a gRPC message however large the
/// stream is: a read cut short by the budget says so, and the caller continues after its last publication.
/// </summary>
internal static class ReadScript
{
    // KEYS: 1 stream, 2 meta.
    // ARGV: 1 candidate epoch, 2 meta expiry ms, 3 since offset, 4 count (0 none, -1 all), 5 '1' for newest first,
    // 6 '1' when a promoted replica may keep the epoch (see PrimaryGeneration), 7 byte budget, 8 before offset (0: none).
    // Returns {epoch, offset, first retained entry id or '', entries, 1 when the budget cut the read short else 0}.
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local meta = openMeta(ARGV[1], ARGV[6])
        if meta.changes[1] then
          redis.call('HSET', KEYS[2], unpack(meta.changes))
        end
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        local offset = meta.offset
        local first = ''
        local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        if oldest[1] then
          first = oldest[1][1]
        end
        local entries = {}
        local truncated = 0
        local wanted = tonumber(ARGV[4])
        local before = tonumber(ARGV[8])
        if wanted ~= 0 and tonumber(ARGV[3]) < offset then
          local budget = tonumber(ARGV[7])
          local used = 0
          local low = '(' .. ARGV[3] .. '-0'
          local high = '+'
          if before > 0 then
            high = '(' .. ARGV[8] .. '-0'
          end
          local reverse = ARGV[5] == '1'
          -- Pages start small and grow to what the budget left holds at the sizes seen so far, so a stream of large
          -- entries is not copied into the script a hundred at a time only to be cut at the budget.
          local page = 8
          while true do
            if wanted > 0 then
              page = math.min(page, wanted - #entries)
            end
            local chunk
            if reverse then
              chunk = redis.call('XREVRANGE', KEYS[1], high, low, 'COUNT', page)
            else
              chunk = redis.call('XRANGE', KEYS[1], low, high, 'COUNT', page)
            end
            local stopped = false
            for _, entry in ipairs(chunk) do
              local size = 0
              if entry[2][1] == 'p' then
                size = string.len(entry[2][2])
              end
              if entries[1] and used + size > budget then
                truncated = 1
                stopped = true
                break
              end
              used = used + size
              table.insert(entries, entry)
              if reverse then
                high = '(' .. entry[1]
              else
                low = '(' .. entry[1]
              end
            end
            if stopped or #chunk < page or (wanted > 0 and #entries >= wanted) then
              break
            end
            page = math.max(1, math.min(128, math.floor((budget - used) * #entries / math.max(used, 1)) + 1))
          end
        end
        return {meta.epoch, offset, first, entries, truncated}
        """);
}
