namespace Classroom.Micro.Registry.Leases;

/// <summary>An edge node's claim to be alive, valid until <paramref name="ExpiresAt"/> unless renewed.</summary>
internal sealed record EdgeNodeLease(string EdgeId, string Address, DateTimeOffset ExpiresAt, TimeSpan Ttl);
