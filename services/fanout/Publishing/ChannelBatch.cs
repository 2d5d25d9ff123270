namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// Group commit of one channel's publishes: at most one append of the channel is in flight; publishes that arrive
/// meanwhile wait and go together in the next one, in arrival order. A lone publish is sent at once, so batching
/// costs latency only when there is already a round trip to wait for. Once idle, the batch retires itself from
/// <see cref="ChannelBatches"/>; a publish that finds it retired takes a new one.
/// </summary>
internal sealed class ChannelBatch(string channel, ChannelBatches owner)
{
    private readonly Lock _gate = new();
    private List<PendingPublish> _pending = [];
    private bool _running;
    private bool _retired;

    public string Channel { get; } = channel;

    /// <summary>Queues <paramref name="publish"/>; false when this batch retired (the caller takes a fresh one).</summary>
    public bool TryAdd(PendingPublish publish)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _pending.Add(publish);
            if (_running)
            {
                return true;
            }

            _running = true;
        }

        _ = RunAsync();
        return true;
    }

    private async Task RunAsync()
    {
        // Off the publishing call's stack: its caller should not run the append loop inline.
        await Task.Yield();
        while (true)
        {
            List<PendingPublish> taken;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    _retired = true;
                    owner.Retire(this);
                    return;
                }

                if (_pending.Count <= ChannelBatches.MaxBatch)
                {
                    taken = _pending;
                    _pending = [];
                }
                else
                {
                    taken = _pending.GetRange(0, ChannelBatches.MaxBatch);
                    _pending.RemoveRange(0, ChannelBatches.MaxBatch);
                }
            }

            try
            {
                await owner.Append(Channel, taken);
            }
            catch (Exception exception)
            {
                // The append completes its publishes itself; this only guards the loop, which must go on.
                foreach (var publish in taken)
                {
                    publish.Fail(exception);
                }
            }
        }
    }
}
