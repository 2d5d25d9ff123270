using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Waits, when configured, until enough replicas hold a channel's latest writes. WAIT covers every earlier write
/// on the connection it runs on, so it is sent to the shared connection of the server owning the channel's keys,
/// one round at a time per server (<see cref="ReplicaWaitRound"/>). A WAIT on a connection that was re-established
/// since the write (a reconnect, a failover) would confirm nothing about it, so any connection change in between
/// counts as unconfirmed.
/// </summary>
internal sealed class ReplicationBarrier
{
    private readonly IConnectionMultiplexer _redis;
    private readonly StreamKeys _keys;
    private readonly IOptions<DurabilityOptions> _durability;
    private readonly ConcurrentDictionary<EndPoint, ReplicaWaitRound> _rounds = new();
    private readonly ReplicaWaitRound _anyPrimary;
    private long _connectionChanges;

    public ReplicationBarrier(IConnectionMultiplexer redis, StreamKeys keys, IOptions<DurabilityOptions> durability)
    {
        _redis = redis;
        _keys = keys;
        _durability = durability;
        _anyPrimary = new ReplicaWaitRound(() => SendWaitAsync(null));
        redis.ConnectionFailed += (_, _) => Interlocked.Increment(ref _connectionChanges);
        redis.ConnectionRestored += (_, _) => Interlocked.Increment(ref _connectionChanges);
    }

    /// <summary>True when writes must be confirmed by replicas (<see cref="DurabilityOptions.ReplicaAcks"/> &gt; 0).</summary>
    public bool Enabled => _durability.Value.ReplicaAcks > 0;

    /// <summary>Take before the write the barrier is to cover; pass to <see cref="WaitForReplicasAsync"/>.</summary>
    public long Mark() => Interlocked.Read(ref _connectionChanges);

    /// <summary>
    /// Returns once <see cref="DurabilityOptions.ReplicaAcks"/> replicas confirmed every write made on the channel's
    /// connection since <paramref name="mark"/>; throws <see cref="ReplicationUnconfirmedException"/> otherwise.
    /// </summary>
    public async Task WaitForReplicasAsync(string channel, long mark)
    {
        var required = _durability.Value.ReplicaAcks;
        if (required <= 0)
        {
            return;
        }

        var endpoint = await _redis.GetDatabase().IdentifyEndpointAsync(_keys.Stream(channel), CommandFlags.DemandMaster);
        var round = endpoint is null ? _anyPrimary : _rounds.GetOrAdd(endpoint, server => new ReplicaWaitRound(() => SendWaitAsync(server)));
        var confirmed = await round.JoinAsync();
        if (Mark() != mark)
        {
            confirmed = 0;
        }

        if (confirmed < required)
        {
            throw new ReplicationUnconfirmedException(confirmed, required);
        }
    }

    private async Task<int> SendWaitAsync(EndPoint? server)
    {
        var options = _durability.Value;
        var timeout = Math.Max(1, (long)options.ReplicaAckTimeout.TotalMilliseconds);
        var reply = server is null
            ? await _redis.GetDatabase().ExecuteAsync("WAIT", [options.ReplicaAcks, timeout], CommandFlags.DemandMaster)
            : await _redis.GetServer(server).ExecuteAsync("WAIT", [options.ReplicaAcks, timeout], CommandFlags.DemandMaster);
        return (int)reply;
    }
}
