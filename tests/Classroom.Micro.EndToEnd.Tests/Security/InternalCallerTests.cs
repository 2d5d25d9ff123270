using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Security;

/// <summary>
/// Issue #10 against the real processes: a pod holding one service's key cannot act as another service, and each
/// service's methods answer only the callers allowed for them.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class InternalCallerTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task An_edge_identity_erasing_history_is_permission_denied_logged_and_the_api_identity_is_answered()
    {
        var fanoutUrl = fixture.Cluster.InternalGrpcUrls["fanout-0"];
        using var asEdge = Channel(fanoutUrl, InternalServices.Edge, InternalServices.Fanout);
        using var asApi = Channel(fanoutUrl, InternalServices.Api, InternalServices.Fanout);
        var channel = "classroom:e2e-erase-" + Guid.NewGuid().ToString("N")[..8];

        var denied = await Assert.ThrowsAsync<RpcException>(() => new FanoutService.FanoutServiceClient(asEdge)
            .RemoveHistoryAsync(new RemoveHistoryRequest { Channel = channel }, cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));
        await new FanoutService.FanoutServiceClient(asApi).RemoveHistoryAsync(new RemoveHistoryRequest { Channel = channel }, cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("caller edge may not call /classroom.fanout.v1.FanoutService/RemoveHistory", denied.Status.Detail);
        await Eventually.HoldsAsync(
            () => fixture.Cluster.Outputs["fanout-0"].Contains("/classroom.fanout.v1.FanoutService/RemoveHistory from caller edge", StringComparison.Ordinal),
            Timeout, "fanout logs the refusal");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_api_identity_attaching_to_fanout_or_moderating_is_permission_denied()
    {
        using var fanout = Channel(fixture.Cluster.InternalGrpcUrls["fanout-1"], InternalServices.Api, InternalServices.Fanout);
        using var auth = Channel(fixture.Cluster.InternalGrpcUrls["auth"], InternalServices.Api, InternalServices.Auth);

        using var attach = new FanoutService.FanoutServiceClient(fanout).Attach(cancellationToken: Cancellation);
        var attachError = await Assert.ThrowsAsync<RpcException>(() => attach.ResponseStream.MoveNext(Cancellation).WaitAsync(Timeout, Cancellation));
        var moderateError = await Assert.ThrowsAsync<RpcException>(() => new Auth.V1.AuthService.AuthServiceClient(auth).ModerateAsync(
            new Auth.V1.ModerateRequest { Action = Auth.V1.ModerationAction.End, ClassroomId = "42", Actor = new Auth.V1.Principal { UserId = "t", Role = "teacher", Classrooms = { "42" } } },
            cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (attachError.StatusCode, moderateError.StatusCode));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_assertion_naming_the_edge_signed_with_the_api_key_is_unauthenticated_and_the_lease_stays()
    {
        using var forger = new CallerAssertionIssuer(InternalServices.Edge, TestInternalIdentities.PrivateKey(InternalServices.Api), TimeProvider.System, TimeSpan.FromMinutes(5));
        using var forged = GrpcChannel.ForAddress(fixture.Cluster.InternalGrpcUrls["registry"], new GrpcChannelOptions
        {
            HttpHandler = forger.To(InternalServices.Registry).CreateHandler(new SocketsHttpHandler()),
            DisposeHttpClient = true,
        });
        var edgeId = fixture.Cluster.EdgeIds[0];

        var error = await Assert.ThrowsAsync<RpcException>(() => new RegistryService.RegistryServiceClient(forged)
            .ReleaseEdgeLeaseAsync(new ReleaseEdgeLeaseRequest { EdgeId = edgeId }, cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var leases = await fixture.Cluster.Registry.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation);
        Assert.Contains(leases.Leases, lease => lease.EdgeId == edgeId);
    }

    private static GrpcChannel Channel(Uri address, string caller, string audience) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = TestInternalIdentities.Handler(caller, audience, new SocketsHttpHandler()),
        DisposeHttpClient = true,
    });
}
