namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The append, atomic on the server: offsets come from HINCRBY inside the script, so replicas appending
/// concurrently can neither collide nor leave gaps.
/// </summary>
internal static class AppendScript
{
    // KEYS: 1 stream, 2 meta, 3 idempotency key (only when the publish has one).
    // ARGV: 1 publication bytes, 2 candidate epoch, 3 max length, 4 stream ttl ms, 5 meta ttl ms, 6 idempotency ttl ms,
    // 7 '1' when a promoted replica may keep the epoch (see PrimaryGeneration).
    // A meta that is missing while the stream exists means the meta was lost: the stream belongs to a dead
    // epoch and is dropped, otherwise XADD would refuse the restarted offsets.
    public const string Source = """
        if KEYS[3] then
          local prior = redis.call('HMGET', KEYS[3], 'offset', 'epoch')
          if prior[1] then
            return {tonumber(prior[1]), prior[2], 1}
          end
        end
        local candidate = ARGV[2]
        local keepOnPromotion = ARGV[7]
        """ + "\n" + PrimaryGeneration.Prologue + "\n" + """
        local offset = redis.call('HINCRBY', KEYS[2], 'offset', 1)
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], string.format('%d-0', offset), 'p', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        if KEYS[3] then
          redis.call('HSET', KEYS[3], 'offset', offset, 'epoch', epoch)
          redis.call('PEXPIRE', KEYS[3], ARGV[6])
        end
        return {offset, epoch, 0}
        """;
}
