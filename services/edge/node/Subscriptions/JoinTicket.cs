namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// One subscribe waiting in a hub's inbox, decided exactly once: either the hub claims it (and then sends the
/// subscribe reply and every later push) or the subscriber gives up on it (and the hub must send nothing). Without
/// the claim, a hub that got to a join after the subscribe had timed out would still answer it and push publications
/// the client no longer expects, or add a subscriber the handler has already removed.
/// </summary>
internal sealed class JoinTicket
{
    private const int Pending = 0;
    private const int Claimed = 1;
    private const int Abandoned = 2;

    /// <summary>How the hub answers the join.</summary>
    public JoinAnswer Answer { get; init; }

    /// <summary>Custom data for a <see cref="JoinAnswer.SubscribePush"/>.</summary>
    public Protocol.RawJson PushData { get; init; }

    /// <summary>The hub's answer of a <see cref="JoinAnswer.ConnectSubs"/> join, set before the outcome completes true.</summary>
    public Protocol.SubscribeResult? Result { get; set; }

    private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>True once the hub enqueued the subscribe reply; false when the join failed or was abandoned.</summary>
    public Task<bool> Outcome => _outcome.Task;

    /// <summary>The hub takes the join; false when it was abandoned first.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Pending) == Pending;

    /// <summary>The hub reports how a claimed join ended.</summary>
    public void Complete(bool joined) => _outcome.TrySetResult(joined);

    /// <summary>Fails the join unless the hub already claimed it (or it failed): claims it for nobody.</summary>
    public void Fail()
    {
        if (TryClaim())
        {
            _outcome.TrySetResult(false);
        }
    }

    /// <summary>The subscriber stops waiting; the hub will not answer it any more.</summary>
    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Pending) == Pending)
        {
            _outcome.TrySetResult(false);
        }
    }
}
