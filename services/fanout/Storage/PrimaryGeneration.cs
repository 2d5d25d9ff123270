namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The Lua function every stream script starts with: it reads the channel's meta in one command and makes the epoch
/// change whenever the Redis primary serving the script may lack writes an earlier primary acknowledged, so that no
/// (epoch, offset) can ever name two different publications.
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
    // KEYS: 1 stream, 2 meta. Defines openMeta(candidate, keepOnPromotion): candidate is a new epoch, keepOnPromotion
    // '1' or '0'. Returns the meta as a table {epoch, offset, bytes, base, expires, changes}: `changes` lists the field
    // writes the caller must make (HSET KEYS[2] unpack(changes)) when it keeps the meta, so a script writes the meta
    // once however many fields change. Scripts call it once per call: the INFO it runs answers for the server the whole
    // script runs on. Meta fields: epoch, offset (last assigned), gen, bytes (stored bytes ever appended in the epoch,
    // each entry's field `b` is the value before it), base (`b` of the oldest retained entry as last seen), until (Unix
    // ms the stream's expiry was last pushed to, by the appending replica's clock).
    public const string Function = """
        local function openMeta(candidate, keepOnPromotion)
          local replication = redis.call('INFO', 'replication')
          local replid = string.match(replication, 'master_replid:(%w+)') or ''
          local replid2 = string.match(replication, 'master_replid2:(%w+)') or ''
          local stored = redis.call('HMGET', KEYS[2], 'epoch', 'gen', 'offset', 'bytes', 'base', 'until')
          local meta = {epoch = stored[1], offset = tonumber(stored[3]) or 0, bytes = tonumber(stored[4]) or 0,
            base = tonumber(stored[5]) or 0, expires = tonumber(stored[6]) or 0, changes = {}}
          if not meta.epoch then
            meta.epoch = candidate
            meta.expires = 0
            redis.call('DEL', KEYS[1])
            meta.changes = {'epoch', candidate, 'offset', 0, 'gen', replid, 'bytes', 0, 'base', 0}
          elseif stored[2] ~= replid then
            if stored[2] and not (keepOnPromotion == '1' and stored[2] == replid2) then
              meta.epoch = candidate
              table.insert(meta.changes, 'epoch')
              table.insert(meta.changes, candidate)
            end
            table.insert(meta.changes, 'gen')
            table.insert(meta.changes, replid)
          end
          return meta
        end
        """;
}
