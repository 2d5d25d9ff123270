namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// Calls <c>onExpired</c> once a connection's token has lapsed for the grace period and no refresh replaced it.
/// </summary>
/// <remarks>
/// The timer, not the wall clock, decides that the moment has come: timers round their due time to whole
/// milliseconds and may fire a fraction early by <see cref="TimeProvider.GetUtcNow"/>, and a callback that
/// re-checked the clock would then skip the close for good.
/// </remarks>
internal sealed class ConnectionExpiry(TimeProvider time, TimeSpan grace, Action onExpired) : IDisposable
{
    /// <summary>
    /// The longest one timer is armed for. Timers take at most about 49 days, but a token (or the server API's
    /// refresh) may run for a year: a longer wait is armed in steps, each re-armed from the clock.
    /// </summary>
    public static readonly TimeSpan MaxTimerStep = TimeSpan.FromDays(30);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset? _armedFor;
    private bool _disposed;

    /// <summary>When the current token lapses; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _armedFor;
            }
        }
    }

    /// <summary>Replaces the expiry (a connect or a refresh); null means the connection no longer expires.</summary>
    public void ExpireAt(DateTimeOffset? expiresAt)
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            // A refresh racing the connection's close must not arm a timer nobody disposes: it would keep the closed
            // session alive until the token's expiry.
            _armedFor = _disposed ? null : expiresAt;
            if (_armedFor is not { } at)
            {
                return;
            }

            Arm(at);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            _armedFor = null;
        }
    }

    /// <summary>Arms the timer for the close at <paramref name="expiresAt"/> plus the grace, or for the next step towards it. Under the gate.</summary>
    private void Arm(DateTimeOffset expiresAt)
    {
        var due = expiresAt + grace - time.GetUtcNow();
        var final = due <= MaxTimerStep;
        var step = final ? (due > TimeSpan.Zero ? due : TimeSpan.Zero) : MaxTimerStep;
        _timer = time.CreateTimer(Fire, new Arming(expiresAt, final), step, Timeout.InfiniteTimeSpan);
    }

    private void Fire(object? state)
    {
        var arming = (Arming)state!;
        lock (_gate)
        {
            // A refresh since this timer was armed moved the expiry: that refresh owns the close now.
            if (_armedFor is not { } current || current != arming.ExpiresAt)
            {
                return;
            }

            if (!arming.Final)
            {
                _timer?.Dispose();
                Arm(current);
                return;
            }
        }

        onExpired();
    }

    /// <summary>What a timer was armed for: the expiry it closes for, and whether it is the last step.</summary>
    private sealed record Arming(DateTimeOffset ExpiresAt, bool Final);
}
