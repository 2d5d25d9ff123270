using System.Collections.Concurrent;
using Classroom.Micro.Registry.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Tests.Leases;

/// <summary>A registry that grants every lease and keeps the stats each edge sent with its last acquire or renewal.</summary>
internal sealed class StatsRecordingRegistry : RegistryService.RegistryServiceBase
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);

    public ConcurrentDictionary<string, EdgeStats> ReportedStats { get; } = new(StringComparer.Ordinal);

    public override Task<EdgeLease> AcquireEdgeLease(AcquireEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(Lease(request.EdgeId, request.Stats));

    public override Task<EdgeLease> RenewEdgeLease(RenewEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(Lease(request.EdgeId, request.Stats));

    public override Task<ReleaseEdgeLeaseResponse> ReleaseEdgeLease(ReleaseEdgeLeaseRequest request, ServerCallContext context) =>
        Task.FromResult(new ReleaseEdgeLeaseResponse());

    private EdgeLease Lease(string edgeId, EdgeStats? stats)
    {
        if (stats is not null)
        {
            ReportedStats[edgeId] = stats;
        }

        return new EdgeLease
        {
            EdgeId = edgeId,
            TtlMs = (long)LeaseTtl.TotalMilliseconds,
            ExpiresAtUnixMs = DateTimeOffset.UtcNow.Add(LeaseTtl).ToUnixTimeMilliseconds(),
            Stats = stats,
        };
    }
}
