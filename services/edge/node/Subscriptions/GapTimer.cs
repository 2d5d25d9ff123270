using Classroom.Micro.Edge.Upstream;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// When a hub next tries to fill a gap: armed once per gap and not pushed back by every early delivery (a steady stream
/// cannot starve the fill), after <see cref="GapFillBackoff"/>'s delay for the reads that failed in a row. Used only by
/// the hub's loop; the timer's callback just posts to the hub.
/// </summary>
internal sealed class GapTimer(TimeProvider time, TimeSpan baseDelay, Action fire)
{
    private ITimer? _timer;
    private bool _armed;

    /// <summary>Fill reads that failed in a row.</summary>
    public int FailuresInARow { get; private set; }

    /// <summary>Schedules a fill unless one is scheduled already.</summary>
    public void Arm()
    {
        if (_armed)
        {
            return;
        }

        _armed = true;
        _timer ??= time.CreateTimer(static state => ((Action)state!)(), fire, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(GapFillBackoff.Delay(baseDelay, FailuresInARow), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The scheduled fill is running: a later gap arms again.</summary>
    public void Fired() => _armed = false;

    /// <summary>A fill read failed: try again, later than last time.</summary>
    public void Failed()
    {
        FailuresInARow++;
        Arm();
    }

    public void Succeeded() => FailuresInARow = 0;

    /// <summary>The hub stopped: no fill is scheduled any more.</summary>
    public void Stop() => _timer?.Dispose();
}
