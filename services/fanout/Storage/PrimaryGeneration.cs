namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The Lua function every stream script starts with: it finds the channel's epoch and makes it change whenever the
/// Redis primary serving the script may lack writes an earlier primary acknowledged, so that no (epoch, offset)
/// can ever name two different publications.
/// </summary>
/// <remarks>
/// The meta remembers, as <c>gen</c>, the replication id of the primary that last wrote it. A primary's replication
/// id changes when it restarts and when a replica is promoted, exactly the events after which offsets could be
/// reused. On a mismatch the epoch rotates, unless the caller says every publication it ever exposed was confirmed
/// by a replica (<c>ReplicaAcks</c> ≥ 1, reads included) and this primary is a promoted replica of the primary that
/// wrote the meta (its <c>master_replid2</c>): then it holds everything clients may have seen.
/// Offsets keep counting from the meta either way; only positions from before the change become unrecoverable.
/// </remarks>
internal static class PrimaryGeneration
{
    // KEYS: 1 stream, 2 meta. Defines currentEpoch(candidate, keepOnPromotion): candidate is a new epoch, keepOnPromotion
    // '1' or '0'; returns the channel's epoch and leaves the meta existing. Scripts call it once per call: the INFO it
    // runs answers for the server the whole script runs on.
    public const string Function = """
        local function currentEpoch(candidate, keepOnPromotion)
          local replication = redis.call('INFO', 'replication')
          local replid = string.match(replication, 'master_replid:(%w+)') or ''
          local replid2 = string.match(replication, 'master_replid2:(%w+)') or ''
          local epoch = redis.call('HGET', KEYS[2], 'epoch')
          if not epoch then
            epoch = candidate
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[2], 'epoch', epoch, 'offset', 0, 'gen', replid)
          else
            local gen = redis.call('HGET', KEYS[2], 'gen')
            if gen ~= replid then
              if gen and not (keepOnPromotion == '1' and gen == replid2) then
                epoch = candidate
                redis.call('HSET', KEYS[2], 'epoch', epoch)
              end
              redis.call('HSET', KEYS[2], 'gen', replid)
            end
          end
          return epoch
        end
        """;
}
