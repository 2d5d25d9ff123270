using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Registry.Leases;

/// <summary>
/// An edge node's claim to be alive, valid until <paramref name="ExpiresAt"/> unless renewed, with the numbers the
/// edge reported with its last heartbeat (null when it reported none). The registry keeps those numbers as the
/// edge sent them and does not interpret them.
/// </summary>
internal sealed record EdgeNodeLease(string EdgeId, string Address, DateTimeOffset ExpiresAt, TimeSpan Ttl, EdgeStats? Stats = null);
