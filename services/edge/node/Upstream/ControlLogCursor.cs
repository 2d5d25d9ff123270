namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// Which control commands this edge has applied, by their log id (shared by the links to every replica): each id is
/// applied once however many replicas send it (live, then replayed after a link flap), and every hello asks the replica
/// to replay from a little before the newest one seen. The margin covers a command still in flight on the stream that
/// broke while a newer one arrived over another replica's stream. Commands without an id (not recorded) always apply.
/// </summary>
/// <param name="startedUnixMs">When this edge started: nothing logged before concerns its connections, so a replay never
/// reaches back past it (and a link that flaps before the first command still gets what it missed).</param>
internal sealed class ControlLogCursor(long startedUnixMs)
{
    private const int Remembered = 4096;
    private const ulong ReplayMarginMilliseconds = 10_000;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly ulong _started = (ulong)Math.Max(0, startedUnixMs);
    private (ulong Milliseconds, ulong Sequence) _newest;

    /// <summary>Where a replica should replay the log from: a little before the newest id seen, never before the start.</summary>
    public string ReplayFrom
    {
        get
        {
            lock (_gate)
            {
                var from = Math.Max(_started, _newest.Milliseconds - Math.Min(_newest.Milliseconds, ReplayMarginMilliseconds));
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{from}-0");
            }
        }
    }

    /// <summary>True the first time <paramref name="logId"/> is offered (and for an empty id): apply the command.</summary>
    public bool FirstSighting(string logId)
    {
        if (string.IsNullOrEmpty(logId))
        {
            return true;
        }

        lock (_gate)
        {
            if (!_seen.Add(logId))
            {
                return false;
            }

            _order.Enqueue(logId);
            if (_order.Count > Remembered)
            {
                _seen.Remove(_order.Dequeue());
            }

            if (Parse(logId) is { } position && position.CompareTo(_newest) > 0)
            {
                _newest = position;
            }

            return true;
        }
    }

    private static (ulong, ulong)? Parse(string logId)
    {
        var dash = logId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && ulong.TryParse(logId.AsSpan(0, dash), out var milliseconds) && ulong.TryParse(logId.AsSpan(dash + 1), out var sequence)
            ? (milliseconds, sequence)
            : null;
    }
}
