using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// This edge's emulated connections by session id, so a <c>POST /emulation</c> finds its stream. Session ids are
/// random and secret (128 bits), unlike the client id every subscriber sees in a publication's <c>info</c>: knowing
/// someone's client id must not let anyone send commands as them.
/// </summary>
internal sealed class EmulationSessions
{
    private readonly ConcurrentDictionary<string, EmulatedTransport> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>A fresh session id.</summary>
    public static string NewId() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public void Add(EmulatedTransport transport) => _sessions[transport.Session] = transport;

    public void Remove(EmulatedTransport transport) =>
        _sessions.TryRemove(new KeyValuePair<string, EmulatedTransport>(transport.Session, transport));

    public EmulatedTransport? Find(string session) => _sessions.TryGetValue(session, out var transport) ? transport : null;
}
