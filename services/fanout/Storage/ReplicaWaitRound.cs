namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Group commit for <c>WAIT</c> on one Redis connection: at most one <c>WAIT</c> is in flight; everyone who asks
/// meanwhile shares the next one, sent only after the current one returned. A <c>WAIT</c> covers every write its
/// connection made before it, so a caller whose write completed before it asked is covered by the round it joins.
/// One <c>WAIT</c> per round instead of one per publish keeps the connection (which <c>WAIT</c> blocks) free.
/// </summary>
internal sealed class ReplicaWaitRound(Func<Task<int>> sendWait)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<int>? _next;
    private bool _inFlight;

    /// <summary>Completes with the replica count of a <c>WAIT</c> sent after this call.</summary>
    public Task<int> JoinAsync()
    {
        lock (_gate)
        {
            _next ??= new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var joined = _next.Task;
            if (!_inFlight)
            {
                StartNext();
            }

            return joined;
        }
    }

    private void StartNext()
    {
        var round = _next!;
        _next = null;
        _inFlight = true;
        _ = RunAsync(round);
    }

    private async Task RunAsync(TaskCompletionSource<int> round)
    {
        try
        {
            round.TrySetResult(await sendWait());
        }
        catch (Exception exception)
        {
            round.TrySetException(exception);
        }

        lock (_gate)
        {
            _inFlight = false;
            if (_next is not null)
            {
                StartNext();
            }
        }
    }
}
