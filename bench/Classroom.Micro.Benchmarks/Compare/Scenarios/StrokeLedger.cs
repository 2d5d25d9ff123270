using System.Collections.Concurrent;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// What one member received, in arrival order. Its connection's receive loop is the only writer; recording takes no
/// lock (a lock-free queue and an interlocked count), so the ledger costs every target the same and little.
/// </summary>
internal sealed class StrokeLedger
{
    private readonly ConcurrentQueue<ReceivedStroke> _received = new();
    private int _count;

    /// <summary>Deliveries recorded since the last <see cref="Take"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Record(ulong order, long sequence, long sentAt, long receivedAt)
    {
        _received.Enqueue(new ReceivedStroke(order, sequence, sentAt, receivedAt));
        Interlocked.Increment(ref _count);
    }

    /// <summary>Everything recorded so far, in arrival order; the ledger starts counting again from zero.</summary>
    public List<ReceivedStroke> Take()
    {
        var taken = new List<ReceivedStroke>(Count);
        while (_received.TryDequeue(out var stroke))
        {
            taken.Add(stroke);
            Interlocked.Decrement(ref _count);
        }

        return taken;
    }
}
