using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>What one member received of its classroom's strokes, in arrival order, and how late each was.</summary>
internal sealed class DeliveryLedger
{
    private readonly Lock _lock = new();
    private List<ReceivedStroke> _received = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _received.Count;
            }
        }
    }

    public void Record(PublicationPush push)
    {
        var (sequence, sentAt) = WhiteboardStroke.Read(push.Data);
        lock (_lock)
        {
            _received.Add(new ReceivedStroke(push.Offset, sequence, sentAt, push.ReceivedAt));
        }
    }

    /// <summary>Everything received so far; the ledger starts empty again.</summary>
    public IReadOnlyList<ReceivedStroke> Take()
    {
        lock (_lock)
        {
            var received = _received;
            _received = [];
            return received;
        }
    }
}
