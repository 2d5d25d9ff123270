using Classroom.Micro.Edge.Configuration;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// One timer per edge process that visits every open <see cref="ClientSession"/> once per tick (by default every
/// second, like Kestrel's heartbeat) for its server pings, its pong deadline, its connect deadline, its token's expiry
/// (3005) and the cut-off of a close the client does not answer. An idle socket owns no timer, task or cancellation source of its own.
/// </summary>
internal sealed class ConnectionHeartbeat : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<ClientSession> _sessions = [];
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private ClientSession[] _visiting = [];
    private int _ticking;

    public ConnectionHeartbeat(TimeProvider time, IOptions<EdgeOptions> options)
        : this(time, options.Value.HeartbeatInterval)
    {
    }

    public ConnectionHeartbeat(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _timer = time.CreateTimer(static state => ((ConnectionHeartbeat)state!).Tick(), this, interval, interval);
    }

    /// <summary>Sessions being visited.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    public void Add(ClientSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
        }
    }

    public void Remove(ClientSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session);
        }
    }

    /// <summary>Visits every session once; a tick still running when the next is due makes that one skip.</summary>
    public void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            int count;
            lock (_gate)
            {
                count = _sessions.Count;
                if (_visiting.Length < count || _visiting.Length > 4 * (count + 64))
                {
                    _visiting = new ClientSession[count + (count / 4) + 16];
                }

                _sessions.CopyTo(_visiting);
            }

            var now = _time.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                _visiting[i].OnHeartbeat(now);
                _visiting[i] = null!;
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
