using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

public sealed class TwoReplicaTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = EdgeStream.Timeout;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task Edge_attached_to_two_replicas_receives_every_offset_exactly_once()
    {
        await using var replicaA = FanoutHost.On(redis, _prefix);
        await using var replicaB = FanoutHost.On(redis, _prefix);
        var clientA = replicaA.CreateFanoutClient();
        var clientB = replicaB.CreateFanoutClient();
        await using var streamA = await EdgeStream.AttachAsync(clientA, "edge-1");
        await using var streamB = await EdgeStream.AttachAsync(clientB, "edge-1");
        await streamA.SubscribeAsync("classroom:42");
        await streamB.SubscribeAsync("classroom:42");

        const int count = 60;
        var epochs = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var publisher = i % 2 == 0 ? clientA : clientB;
            var response = await publisher.PublishAsync(Publications.Request("classroom:42", $"{{\"i\":{i}}}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
            epochs.Add(response.Epoch);
        }

        var received = new List<V1.Delivery>();
        for (var i = 0; i < count / 2; i++)
        {
            received.Add(await streamA.NextDeliveryAsync());
            received.Add(await streamB.NextDeliveryAsync());
        }

        Assert.Single(epochs);
        Assert.All(received, delivery => Assert.Equal(epochs.Single(), delivery.Epoch));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (ulong)i), received.Select(d => d.Publication.Offset).Order());
        Assert.Equal(Enumerable.Range(0, count / 2).Select(i => (ulong)(2 * i + 1)), received.Where((_, index) => index % 2 == 0).Select(d => d.Publication.Offset));

        // A marker through each replica proves nothing else was queued behind the deliveries already taken.
        var markerA = await clientA.PublishAsync(Publications.Request("classroom:42", "{\"marker\":\"a\"}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var markerB = await clientB.PublishAsync(Publications.Request("classroom:42", "{\"marker\":\"b\"}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        Assert.Equal(markerA.Offset, (await streamA.NextDeliveryAsync()).Publication.Offset);
        Assert.Equal(markerB.Offset, (await streamB.NextDeliveryAsync()).Publication.Offset);
    }
}
