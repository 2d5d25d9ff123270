using System.Collections.Concurrent;

namespace Classroom.Micro.Edge.Connections;

/// <summary>The sessions connected to this edge, by client id (for re-registration, shutdown and metrics).</summary>
internal sealed class SessionDirectory
{
    private readonly ConcurrentDictionary<string, ClientSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public IEnumerable<ClientSession> All => _sessions.Values;

    public void Add(ClientSession session) => _sessions[session.ClientId] = session;

    public void Remove(ClientSession session) => _sessions.TryRemove(new KeyValuePair<string, ClientSession>(session.ClientId, session));
}
