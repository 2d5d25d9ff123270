using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

/// <summary>Fanout answers only callers that carry the deployment's internal key.</summary>
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
}
