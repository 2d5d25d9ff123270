using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The registry answers only callers that carry the deployment's internal key.</summary>
public sealed class InternalPlaneTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Listing_edge_leases_without_the_internal_key_is_unauthenticated()
    {
        await using var host = new RegistryHost(redis);
        using var bare = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = host.CreateBareHandler() });

        var call = new RegistryService.RegistryServiceClient(bare).ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Releasing_a_lease_without_the_internal_key_is_refused_and_the_lease_stays()
    {
        await using var host = new RegistryHost(redis);
        await host.Client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a", Address = "http://10.0.0.5:7400" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        using var bare = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = host.CreateBareHandler() });

        var call = new RegistryService.RegistryServiceClient(bare).ReleaseEdgeLeaseAsync(new ReleaseEdgeLeaseRequest { EdgeId = "edge-a" }, cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var leases = await host.Client.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        Assert.Contains(leases.Leases, lease => lease.EdgeId == "edge-a");
    }
}
