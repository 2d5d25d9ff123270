namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The server API's <c>history_remove</c>: with <c>ReplicaAcks</c> &gt; 0 the removal is answered only once replicas
/// confirmed it, like an append, so an acknowledged removal does not come undone with a failover.
/// </summary>
internal sealed class HistoryEraser(PublicationLog log, ReplicationBarrier replication)
{
    /// <summary>Removes the channel's publications; returns its position, which the removal leaves as it was.</summary>
    public async Task<LogPosition> RemoveAsync(string channel)
    {
        var mark = replication.Mark();
        var position = await log.RemoveHistoryAsync(channel);
        await replication.WaitForReplicasAsync(channel, mark);
        return position;
    }
}
