using System.Collections.Concurrent;
using Classroom.Micro.Registry.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Tests.Leases;

/// <summary>A registry that grants every lease and keeps the stats each edge sent with its last acquire or renewal.</summary>
internal sealed class StatsRecordingRegistry : RegistryService.RegistryServiceBase
{
    public ConcurrentDictionary<string, EdgeStats> ReportedStats { get; } = new(StringComparer.Ordinal);

    public override Task<EdgeLease> AcquireEdgeLease(AcquireEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(Lease(request.EdgeId, request.Stats));

    public override Task<EdgeLease> RenewEdgeLease(RenewEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(Lease(request.EdgeId, request.Stats));

    public override Task<ReleaseEdgeLeaseResponse> ReleaseEdgeLease(ReleaseEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(new ReleaseEdgeLeaseResponse());

    /// <summary>A lease for 30 s, carrying the stats the edge sent (which are recorded).</summary>
    private EdgeLease Lease(string edgeId, EdgeStats? stats)
    {
        var lease = new EdgeLease { EdgeId = edgeId, TtlMs = 30_000, ExpiresAtUnixMs = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds() };
        if (stats is not null)
        {
            ReportedStats[edgeId] = lease.Stats = stats;
        }

        return lease;
    }
}
