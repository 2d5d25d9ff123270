using System.Collections.Concurrent;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// The channels with publishes waiting or being appended on this replica, one <see cref="ChannelBatch"/> each, so
/// that a channel's appends leave in arrival order, one call at a time, as many publications per call as are waiting.
/// </summary>
internal sealed class ChannelBatches(Func<string, List<PendingPublish>, Task> append)
{
    /// <summary>Most publications in one append call (bounds the script's argument list).</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<string, ChannelBatch> _byChannel = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="publish"/> behind the channel's earlier publishes on this replica.</summary>
    public void Add(string channel, PendingPublish publish)
    {
        while (!_byChannel.GetOrAdd(channel, name => new ChannelBatch(name, this)).TryAdd(publish))
        {
            // It retired between the lookup and the add; it is gone from the map (or going), so look again.
        }
    }

    /// <summary>Appends one batch; completes every publish in it, with its position or the failure.</summary>
    internal Task Append(string channel, List<PendingPublish> batch) => append(channel, batch);

    /// <summary>Forgets an idle batch (called under its lock, once).</summary>
    internal void Retire(ChannelBatch batch) =>
        _byChannel.TryRemove(new KeyValuePair<string, ChannelBatch>(batch.Channel, batch));
}
