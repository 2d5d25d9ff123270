namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// An edge's current lease as stored: its generation, expiry (Unix ms), address, and the stats the edge last
/// reported (serialized <c>EdgeStats</c>, empty when none).
/// </summary>
internal sealed record StoredLease(string Generation, long ExpiresUnixMs, string Address, byte[] Stats);
