using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Control;

/// <summary>
/// The server API's <c>refresh</c> applied to one connection, as Centrifugo applies it: <c>expired</c> makes the
/// connection expired now; otherwise <c>expire_at</c> replaces its expiry (one already past means expired then), and
/// none means it no longer expires. An expired connection is closed with 3005 once the grace
/// (<c>Edge:ExpiredCloseDelay</c>) has passed, unless its client refreshes its token first, which sets the token's
/// expiry again.
/// </summary>
/// <remarks>
/// An expiry still ahead is told to the client with a <c>refresh</c> push (<c>expires</c>, <c>ttl</c>), as Centrifugo
/// does. The JavaScript SDK ignores that push and keeps refreshing on its own token's schedule, so a connection
/// refreshed to expire before its token does is closed with 3005 and the SDK reconnects.
/// </remarks>
internal static class ConnectionRefresh
{
    /// <summary>Centrifugo's cap on a refreshed connection's life: a later <c>expire_at</c> counts as a year from now.</summary>
    public const long MaxTtlSeconds = 365L * 24 * 60 * 60;

    public static void Apply(ClientSession session, RefreshClients refresh, DateTimeOffset now)
    {
        if (refresh.Expired)
        {
            session.ExpireAt(now);
            return;
        }

        if (refresh.ExpireAt <= 0)
        {
            session.ExpireAt(null);
            session.TryEnqueue(ProtocolWriter.RefreshPush(expires: false, ttl: 0));
            return;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(refresh.ExpireAt, now.ToUnixTimeSeconds() + MaxTtlSeconds));
        session.ExpireAt(expiresAt);
        if (expiresAt > now)
        {
            session.TryEnqueue(ProtocolWriter.RefreshPush(expires: true, ttl: (uint)Math.Ceiling((expiresAt - now).TotalSeconds)));
        }
    }
}
