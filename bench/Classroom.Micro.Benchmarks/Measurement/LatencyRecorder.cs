using System.Diagnostics;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>Collects latencies from many threads; each sample is a pair of <see cref="Stopwatch"/> timestamps.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _milliseconds = [];

    public void Record(long startedAt, long endedAt)
    {
        var milliseconds = Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds;
        lock (_lock)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public LatencySummary Summarise()
    {
        lock (_lock)
        {
            return LatencySummary.Of([.. _milliseconds]);
        }
    }
}
