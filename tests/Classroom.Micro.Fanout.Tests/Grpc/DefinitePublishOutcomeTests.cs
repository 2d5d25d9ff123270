using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

/// <summary>
/// With <c>ReplicaAcks = 1</c>, a publish whose replica confirmation times out has an unknown outcome (it is in the
/// primary's stream): it is not delivered then, and a retry with the same idempotency key is answered with the same
/// offset and delivers it, once. The replica is a real redis-server, killed and replaced mid-test.
/// </summary>
public sealed class DefinitePublishOutcomeTests(RedisServer primary) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task A_publish_whose_replica_confirmation_timed_out_is_delivered_once_by_its_idempotent_retry()
    {
        var cancel = TestContext.Current.CancellationToken;
        var prefix = RedisServer.UniquePrefix();
        await using var replica = await ReplicaOf.StartAsync(primary, Timeout);
        await using var host = FanoutHost.On(primary, prefix, ("Fanout:Durability:ReplicaAcks", "1"), ("Fanout:Durability:ReplicaAckTimeout", "00:00:00.300"));
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:wait");
        var confirmed = await client.PublishAsync(Publications.Request("classroom:wait", "{\"n\":0}"), cancellationToken: cancel).ResponseAsync.WaitAsync(Timeout, cancel);
        Assert.Equal(confirmed.Offset, (await edge.NextDeliveryAsync()).Publication.Offset);

        // The only replica dies: the next publish is appended on the primary but never confirmed.
        await replica.DisposeAsync();
        var request = Publications.Request("classroom:wait", "{\"n\":1}");
        request.IdempotencyKey = "stroke-1";
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.PublishAsync(request, cancellationToken: cancel).ResponseAsync.WaitAsync(Timeout, cancel));

        // A replica is back; the client retries with the same key, then publishes the next one.
        await using var replacement = await ReplicaOf.StartAsync(primary, Timeout);
        var retried = await client.PublishAsync(request, cancellationToken: cancel).ResponseAsync.WaitAsync(Timeout, cancel);
        var next = await client.PublishAsync(Publications.Request("classroom:wait", "{\"n\":2}"), cancellationToken: cancel).ResponseAsync.WaitAsync(Timeout, cancel);
        var first = await edge.NextDeliveryAsync();
        var second = await edge.NextDeliveryAsync();

        Assert.Equal(StatusCode.Unavailable, unknown.StatusCode);
        Assert.Equal((confirmed.Offset + 1, confirmed.Epoch), (retried.Offset, retried.Epoch));
        Assert.Equal(retried.Offset + 1, next.Offset);
        // Nothing was delivered for the failed attempt: the retry's delivery is the first after n:0, then n:2.
        Assert.Equal((retried.Offset, "{\"n\":1}"), (first.Publication.Offset, first.Publication.Text()));
        Assert.Equal((next.Offset, "{\"n\":2}"), (second.Publication.Offset, second.Publication.Text()));
        Assert.Empty(edge.TakeReceivedDeliveries());
    }

    private static TimeSpan Timeout => TimeSpan.FromSeconds(30);
}
