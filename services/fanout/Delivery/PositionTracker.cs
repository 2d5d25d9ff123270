using System.Collections.Concurrent;
using Classroom.Micro.Fanout.Storage;

namespace Classroom.Micro.Fanout.Delivery;

/// <summary>The newest position this replica appended per channel since the last report (memory only, no Redis read).</summary>
internal sealed class PositionTracker
{
    private readonly ConcurrentDictionary<string, LogPosition> _recent = new(StringComparer.Ordinal);

    /// <summary>Remembers an append; concurrent appends may finish out of order, so an older offset never replaces a newer one.</summary>
    public void Record(string channel, LogPosition position) =>
        _recent.AddOrUpdate(
            channel,
            position,
            (_, existing) => existing.Epoch == position.Epoch && existing.Offset > position.Offset ? existing : position);

    /// <summary>Takes the positions recorded since the previous call.</summary>
    public IReadOnlyList<KeyValuePair<string, LogPosition>> TakeRecent()
    {
        var taken = new List<KeyValuePair<string, LogPosition>>();
        foreach (var entry in _recent)
        {
            // Removing only the exact value read keeps an append recorded meanwhile for the next report.
            if (_recent.TryRemove(entry))
            {
                taken.Add(entry);
            }
        }

        return taken;
    }
}
