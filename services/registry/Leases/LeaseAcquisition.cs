namespace Classroom.Micro.Registry.Leases;

/// <summary>A granted lease and how many entries of the edge's previous, expired lease were removed first.</summary>
internal sealed record LeaseAcquisition(EdgeNodeLease Lease, int RemovedSubscriptions);
