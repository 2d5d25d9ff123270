using Classroom.Micro.ServiceDefaults.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The append of one or more publications of a channel, atomic on the server: offsets are assigned inside the script,
/// so replicas appending concurrently can neither collide nor leave gaps, and a batch takes consecutive offsets in the
/// order it lists its publications. The primary-generation fence (see <see cref="PrimaryGeneration"/>) and the meta's
/// read and write run once per call, however many publications the call carries; retention by count (<c>MAXLEN ~</c>)
/// and by bytes (the oldest entries past the byte cap) is enforced in the same call.
/// </summary>
internal static class AppendScript
{
    // KEYS: 1 stream, 2 meta, then the idempotency keys of the publications that have one, in order.
    // ARGV: 1 candidate epoch, 2 max length, 3 stream ttl ms (as promised), 4 meta expiry ms, 5 idempotency ttl ms,
    // 6 '1' when a promoted replica may keep the epoch (see PrimaryGeneration), 7 publication count n, 8 max retained
    // bytes, 9 now (Unix ms, the caller's clock), 10 expiry slack ms, then per publication i (1..n): ARGV[9 + 2i] its
    // bytes, ARGV[10 + 2i] the index in KEYS of its idempotency key (0: none).
    // Returns, per publication, {offset, epoch, 1 when an idempotency key matched an earlier append else 0, the stored
    // bytes of that earlier append while it is still retained in the current epoch, else ''}, flattened.
    // The expiry is pushed to ttl + slack only when less than ttl is left, not by every append: an idle stream expires
    // between ttl and ttl + slack after its last append.
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local meta = openMeta(ARGV[1], ARGV[6])
        local results = {}
        local offset = meta.offset
        local bytes = meta.bytes
        local newest = nil
        for i = 1, tonumber(ARGV[7]) do
          local payload = ARGV[9 + 2 * i]
          local keyIndex = tonumber(ARGV[10 + 2 * i])
          local prior = nil
          if keyIndex > 0 then
            prior = redis.call('HMGET', KEYS[keyIndex], 'offset', 'epoch')
          end
          if prior and prior[1] then
            local stored = ''
            if prior[2] == meta.epoch and tonumber(prior[1]) <= offset then
              local id = string.format('%d-0', tonumber(prior[1]))
              local entry = redis.call('XRANGE', KEYS[1], id, id)
              if entry[1] and entry[1][2][1] == 'p' then
                stored = entry[1][2][2]
              end
            end
            table.insert(results, tonumber(prior[1]))
            table.insert(results, prior[2])
            table.insert(results, 1)
            table.insert(results, stored)
          else
            offset = offset + 1
            newest = string.format('%d-0', offset)
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], newest, 'p', payload, 'b', string.format('%d', bytes))
            bytes = bytes + string.len(payload)
            if keyIndex > 0 then
              redis.call('HSET', KEYS[keyIndex], 'offset', offset, 'epoch', meta.epoch)
              redis.call('PEXPIRE', KEYS[keyIndex], ARGV[5])
            end
            table.insert(results, offset)
            table.insert(results, meta.epoch)
            table.insert(results, 0)
            table.insert(results, '')
          end
        end
        if not newest then
          return results
        end

        local changes = meta.changes
        table.insert(changes, 'offset')
        table.insert(changes, string.format('%d', offset))
        table.insert(changes, 'bytes')
        table.insert(changes, string.format('%d', bytes))

        -- Retained bytes are bytes - (field b of the oldest entry). `base` remembers that b; count trimming and expiry
        -- only make it stale-low, which costs one look at the oldest entries and corrects it.
        local maxBytes = tonumber(ARGV[8])
        if bytes - meta.base > maxBytes then
          local base = meta.base
          local keep = nil
          local from = '-'
          -- Usually one or two entries go per append: look at a few first, more only while more must go.
          local look = 2
          while not keep do
            local oldest = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', look)
            look = math.min(look * 2, 128)
            if not oldest[1] then
              break
            end
            for _, entry in ipairs(oldest) do
              local before = nil
              if entry[2][3] == 'b' then
                before = tonumber(entry[2][4])
              end
              -- The newest entry always stays; an entry from before byte accounting (no b) goes while over the cap.
              if entry[1] == newest or (before and bytes - before <= maxBytes) then
                keep = entry[1]
                base = before or base
                break
              end
              from = '(' .. entry[1]
            end
          end
          if keep and from ~= '-' then
            redis.call('XTRIM', KEYS[1], 'MINID', keep)
          end
          table.insert(changes, 'base')
          table.insert(changes, string.format('%d', base))
        end

        local now = tonumber(ARGV[9])
        local push = meta.expires - now < tonumber(ARGV[3])
        if push then
          table.insert(changes, 'until')
          table.insert(changes, string.format('%d', now + tonumber(ARGV[3]) + tonumber(ARGV[10])))
        end
        redis.call('HSET', KEYS[2], unpack(changes))
        if push then
          redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[10]))
          redis.call('PEXPIRE', KEYS[2], ARGV[4])
        end
        return results
        """);
}
