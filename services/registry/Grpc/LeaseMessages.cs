using Classroom.Micro.Registry.Leases;
using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>Maps domain leases to their protobuf form.</summary>
internal static class LeaseMessages
{
    public static EdgeLease ToMessage(this EdgeNodeLease lease) => new()
    {
        EdgeId = lease.EdgeId,
        Address = lease.Address,
        ExpiresAtUnixMs = lease.ExpiresAt.ToUnixTimeMilliseconds(),
        TtlMs = (long)lease.Ttl.TotalMilliseconds,
        Stats = lease.Stats,
    };
}
