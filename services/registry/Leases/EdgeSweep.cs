namespace Classroom.Micro.Registry.Leases;

/// <summary>
/// What one sweep of an edge did: whether this sweep found its lease expired (exactly one replica does),
/// and how many subscriptions this replica removed.
/// </summary>
internal sealed record EdgeSweep(string EdgeId, bool LeaseExpired, int RemovedSubscriptions);
