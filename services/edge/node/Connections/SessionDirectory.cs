using System.Collections.Concurrent;

namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// The sessions connected to this edge, by client id (for re-registration, shutdown and metrics), with how many each
/// user and each client address holds (for the connection limits).
/// </summary>
internal sealed class SessionDirectory
{
    private readonly ConcurrentDictionary<string, ClientSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Lock _counts = new();

    public int Count => _sessions.Count;

    public IEnumerable<ClientSession> All => _sessions.Values;

    public void Add(ClientSession session) => TryAdd(session, int.MaxValue, int.MaxValue);

    /// <summary>
    /// Adds a connected session unless its user already holds <paramref name="maxPerUser"/> connections here or its
    /// address <paramref name="maxPerAddress"/>: then nothing is added and the limit that refused is returned.
    /// </summary>
    public ConnectionLimit TryAdd(ClientSession session, int maxPerUser, int maxPerAddress)
    {
        var user = session.Identity?.UserId ?? string.Empty;
        var address = session.RemoteAddress ?? string.Empty;
        lock (_counts)
        {
            if (_perUser.GetValueOrDefault(user) >= maxPerUser)
            {
                return ConnectionLimit.PerUser;
            }

            if (_perAddress.GetValueOrDefault(address) >= maxPerAddress)
            {
                return ConnectionLimit.PerAddress;
            }

            if (!_sessions.TryAdd(session.ClientId, session))
            {
                return ConnectionLimit.None;
            }

            _perUser[user] = _perUser.GetValueOrDefault(user) + 1;
            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
            return ConnectionLimit.None;
        }
    }

    public void Remove(ClientSession session)
    {
        if (!_sessions.TryRemove(new KeyValuePair<string, ClientSession>(session.ClientId, session)))
        {
            return;
        }

        lock (_counts)
        {
            Decrement(_perUser, session.Identity?.UserId ?? string.Empty);
            Decrement(_perAddress, session.RemoteAddress ?? string.Empty);
        }
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var count) && count > 1)
        {
            counts[key] = count - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }
}
