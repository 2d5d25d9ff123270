namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// When a connection's token lapses, and whether the grace after it has passed. Pure state: the process's
/// <see cref="ConnectionHeartbeat"/> asks <see cref="IsDue"/> on each visit (so the 3005 close comes up to one heartbeat
/// interval late), and a refresh or a server API <c>refresh</c> replaces the expiry without any timer to re-arm.
/// </summary>
internal sealed class ConnectionExpiry(TimeSpan grace) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _expiresAt;
    private bool _disposed;

    /// <summary>When the current token lapses; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _expiresAt;
            }
        }
    }

    /// <summary>Replaces the expiry (a connect or a refresh); null means the connection no longer expires.</summary>
    public void ExpireAt(DateTimeOffset? expiresAt)
    {
        lock (_gate)
        {
            // A refresh racing the connection's close changes nothing: the connection is gone.
            _expiresAt = _disposed ? null : expiresAt;
        }
    }

    /// <summary>True once the token has lapsed for the grace period at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _expiresAt is { } at && now >= at + grace;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _expiresAt = null;
        }
    }
}
