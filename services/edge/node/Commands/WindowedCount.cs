namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Counts events in fixed windows of <c>window</c>, the first opened by the first event: a run of events that
/// keeps going fills a window, a burst that stops is forgotten once its window has passed. No timer: the window is
/// checked when an event is counted.
/// </summary>
internal sealed class WindowedCount(TimeProvider time, TimeSpan window)
{
    private readonly Lock _lock = new();
    private long _windowStart;
    private int _count;

    /// <summary>Counts <paramref name="events"/> more and returns how many the current window holds.</summary>
    public int Add(int events)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_count == 0 || time.GetElapsedTime(_windowStart, now) >= window)
            {
                _windowStart = now;
                _count = 0;
            }

            _count += events;
            return _count;
        }
    }
}
