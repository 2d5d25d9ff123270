namespace Classroom.Micro.Registry.Storage;

/// <summary>An edge's current lease as stored: its generation, expiry (Unix ms) and address.</summary>
internal sealed record StoredLease(string Generation, long ExpiresUnixMs, string Address);
