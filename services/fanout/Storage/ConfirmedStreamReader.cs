namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Reads that expose only what a failover keeps: with <c>ReplicaAcks</c> &gt; 0 a read (history, recovery, gap filling,
/// the position a hub starts from) is answered only once replicas confirmed everything it saw. Otherwise an append
/// whose publish was never acknowledged could be read, then lost with the primary, and its offset given to another
/// publication in the same epoch.
/// </summary>
internal sealed class ConfirmedStreamReader(PublicationLog log, ReplicationBarrier replication)
{
    public async Task<StreamSlice> ReadAsync(string channel, ulong sinceOffset, int limit, bool reverse, int maxBytes = 0, ulong beforeOffset = 0)
    {
        var mark = replication.Mark();
        // The read script always refreshes the meta's expiry, a write: the WAIT after it covers every append it saw.
        var slice = await log.ReadAsync(channel, sinceOffset, limit, reverse, maxBytes, beforeOffset);
        await replication.WaitForReplicasAsync(channel, mark);
        return slice;
    }
}
