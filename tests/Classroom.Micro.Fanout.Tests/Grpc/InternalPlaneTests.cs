using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

/// <summary>Fanout answers only proven callers, and each method only from the services allowed to call it.</summary>
public sealed class InternalPlaneTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_without_the_internal_key_is_unauthenticated_and_appends_nothing()
    {
        await using var host = FanoutHost.On(redis, RedisServer.UniquePrefix());
        using var bare = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = host.Server.CreateHandler() });

        var forged = Publications.Request("classroom:42", "{\"t\":\"clear\"}");
        forged.Info = new ClientInfo { User = "teacher-1", Client = "c-1" };
        var call = new FanoutService.FanoutServiceClient(bare).PublishAsync(forged, cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var read = await host.CreateFanoutClient().ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:42", Limit = 10 }, cancellationToken: Cancel).ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel);
        Assert.Empty(read.Publications);
    }

    [Fact]
    public async Task Attaching_without_the_internal_key_is_unauthenticated()
    {
        await using var host = FanoutHost.On(redis, RedisServer.UniquePrefix());
        using var bare = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = host.Server.CreateHandler() });

        using var attach = new FanoutService.FanoutServiceClient(bare).Attach(cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => attach.ResponseStream.MoveNext(Cancel).WaitAsync(EdgeStream.Timeout, Cancel));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task An_edge_erasing_history_is_permission_denied_and_the_history_stays()
    {
        await using var host = FanoutHost.On(redis, RedisServer.UniquePrefix());
        var client = host.CreateFanoutClient();
        await client.PublishAsync(Publications.Request("classroom:43", "{\"n\":1}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel);
        using var edge = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(InternalServices.Edge, InternalServices.Fanout, host.Server.CreateHandler()) });

        var call = new FanoutService.FanoutServiceClient(edge).RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:43" }, cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("caller edge may not call /classroom.fanout.v1.FanoutService/RemoveHistory", error.Status.Detail);
        var read = await client.ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:43", Limit = 10 }, cancellationToken: Cancel).ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel);
        Assert.Single(read.Publications);
    }

    [Theory]
    [InlineData(InternalServices.Api)]
    [InlineData(InternalServices.Registry)]
    [InlineData(InternalServices.Auth)]
    public async Task Attaching_as_another_service_than_an_edge_is_permission_denied(string caller)
    {
        await using var host = FanoutHost.On(redis, RedisServer.UniquePrefix());
        using var impostor = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(caller, InternalServices.Fanout, host.Server.CreateHandler()) });

        using var attach = new FanoutService.FanoutServiceClient(impostor).Attach(cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => attach.ResponseStream.MoveNext(Cancel).WaitAsync(EdgeStream.Timeout, Cancel));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task The_server_api_erasing_history_is_answered()
    {
        await using var host = FanoutHost.On(redis, RedisServer.UniquePrefix());
        using var api = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(InternalServices.Api, InternalServices.Fanout, host.Server.CreateHandler()) });

        await new FanoutService.FanoutServiceClient(api).RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:44" }, cancellationToken: Cancel).ResponseAsync.WaitAsync(EdgeStream.Timeout, Cancel);
    }
}
