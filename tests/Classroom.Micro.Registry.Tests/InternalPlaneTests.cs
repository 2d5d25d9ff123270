using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The registry answers only proven callers, and each method only from the services allowed to call it.</summary>
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

    [Theory]
    [InlineData(InternalServices.Api)]
    [InlineData(InternalServices.Auth)]
    [InlineData(InternalServices.Fanout)]
    public async Task Releasing_a_lease_as_another_service_than_an_edge_is_permission_denied_and_the_lease_stays(string caller)
    {
        await using var host = new RegistryHost(redis);
        await host.Client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-b", Address = "http://10.0.0.6:7400" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        using var impostor = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(caller, InternalServices.Registry, host.CreateBareHandler()) });

        var call = new RegistryService.RegistryServiceClient(impostor).ReleaseEdgeLeaseAsync(new ReleaseEdgeLeaseRequest { EdgeId = "edge-b" }, cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains($"caller {caller}", error.Status.Detail, StringComparison.Ordinal);
        var leases = await host.Client.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        Assert.Contains(leases.Leases, lease => lease.EdgeId == "edge-b");
    }

    [Fact]
    public async Task An_edge_listing_every_connection_is_permission_denied()
    {
        await using var host = new RegistryHost(redis);
        using var edge = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(InternalServices.Edge, InternalServices.Registry, host.CreateBareHandler()) });

        var call = new RegistryService.RegistryServiceClient(edge).ListConnectionsAsync(new ListConnectionsRequest(), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public void Every_registry_method_has_an_allow_list()
    {
        // The policy throws at construction when a method of the contract is missing from it.
        var policy = Classroom.Micro.Registry.Grpc.RegistryCallers.Policy;

        Assert.True(policy.Allows("/classroom.registry.v1.RegistryService/ReleaseEdgeLease", InternalServices.Edge));
        Assert.False(policy.Allows("/classroom.registry.v1.RegistryService/ReleaseEdgeLease", InternalServices.Api));
    }
}
