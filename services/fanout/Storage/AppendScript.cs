using Classroom.Micro.ServiceDefaults.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The append of one or more publications of a channel, atomic on the server: offsets come from HINCRBY inside the
/// script, so replicas appending concurrently can neither collide nor leave gaps, and a batch takes consecutive
/// offsets in the order it lists its publications. The primary-generation fence (see <see cref="PrimaryGeneration"/>)
/// runs once per call, however many publications the call carries.
/// </summary>
internal static class AppendScript
{
    // KEYS: 1 stream, 2 meta, then the idempotency keys of the publications that have one, in order.
    // ARGV: 1 candidate epoch, 2 max length, 3 stream ttl ms, 4 meta ttl ms, 5 idempotency ttl ms,
    // 6 '1' when a promoted replica may keep the epoch (see PrimaryGeneration), 7 publication count n,
    // then per publication i (1..n): ARGV[6 + 2i] its bytes, ARGV[7 + 2i] the index in KEYS of its idempotency key (0: none).
    // Returns, per publication, {offset, epoch, 1 when an idempotency key matched an earlier append else 0}, flattened.
    // A meta that is missing while the stream exists means the meta was lost: the stream belongs to a dead
    // epoch and is dropped, otherwise XADD would refuse the restarted offsets.
    public static readonly CachedScript Script = new(PrimaryGeneration.Function + "\n" + """
        local epoch = nil
        local results = {}
        local appended = false
        for i = 1, tonumber(ARGV[7]) do
          local payload = ARGV[6 + 2 * i]
          local keyIndex = tonumber(ARGV[7 + 2 * i])
          local prior = nil
          if keyIndex > 0 then
            prior = redis.call('HMGET', KEYS[keyIndex], 'offset', 'epoch')
          end
          if prior and prior[1] then
            table.insert(results, tonumber(prior[1]))
            table.insert(results, prior[2])
            table.insert(results, 1)
          else
            if not epoch then
              epoch = currentEpoch(ARGV[1], ARGV[6])
            end
            local offset = redis.call('HINCRBY', KEYS[2], 'offset', 1)
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], string.format('%d-0', offset), 'p', payload)
            appended = true
            if keyIndex > 0 then
              redis.call('HSET', KEYS[keyIndex], 'offset', offset, 'epoch', epoch)
              redis.call('PEXPIRE', KEYS[keyIndex], ARGV[5])
            end
            table.insert(results, offset)
            table.insert(results, epoch)
            table.insert(results, 0)
          end
        end
        if appended then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          redis.call('PEXPIRE', KEYS[2], ARGV[4])
        end
        return results
        """);
}
