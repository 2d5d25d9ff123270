using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Waits, when configured, until enough replicas hold a channel's latest writes. WAIT covers every earlier write
/// on the connection it runs on, so it is sent to the shared connection of the server owning the channel's keys.
/// </summary>
internal sealed class ReplicationBarrier(IConnectionMultiplexer redis, StreamKeys keys, IOptions<DurabilityOptions> durability)
{
    /// <summary>Returns once <see cref="DurabilityOptions.ReplicaAcks"/> replicas confirmed; throws <see cref="ReplicationUnconfirmedException"/> otherwise.</summary>
    public async Task WaitForReplicasAsync(string channel)
    {
        var options = durability.Value;
        if (options.ReplicaAcks <= 0)
        {
            return;
        }

        var timeout = Math.Max(1, (long)options.ReplicaAckTimeout.TotalMilliseconds);
        var database = redis.GetDatabase();
        var endpoint = await database.IdentifyEndpointAsync(keys.Stream(channel), CommandFlags.DemandMaster);
        var reply = endpoint is null
            ? await database.ExecuteAsync("WAIT", [options.ReplicaAcks, timeout], CommandFlags.DemandMaster)
            : await redis.GetServer(endpoint).ExecuteAsync("WAIT", [options.ReplicaAcks, timeout], CommandFlags.DemandMaster);

        var confirmed = (int)reply;
        if (confirmed < options.ReplicaAcks)
        {
            throw new ReplicationUnconfirmedException(confirmed, options.ReplicaAcks);
        }
    }
}
