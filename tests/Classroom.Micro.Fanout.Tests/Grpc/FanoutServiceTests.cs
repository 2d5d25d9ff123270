using System.Text.RegularExpressions;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Grpc;

public sealed partial class FanoutServiceTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = EdgeStream.Timeout;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task Subscribed_edge_receives_the_delivery_with_its_offset_epoch_and_data()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:42");

        var request = Publications.Request("classroom:42", "{\"text\":\"hello\"}");
        request.Info = new ClientInfo { User = "teacher-1", Client = "c-1" };
        request.Tags.Add("kind", "chat");
        var published = await client.PublishAsync(request, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var delivery = await edge.NextDeliveryAsync();

        Assert.Equal(1UL, published.Offset);
        Assert.NotEmpty(published.Epoch);
        Assert.Equal("classroom:42", delivery.Channel);
        Assert.Equal(published.Epoch, delivery.Epoch);
        Assert.Equal(published.Offset, delivery.Publication.Offset);
        Assert.Equal("{\"text\":\"hello\"}", delivery.Publication.Text());
        Assert.Equal("teacher-1", delivery.Publication.Info.User);
        Assert.Equal("chat", delivery.Publication.Tags["kind"]);
        Assert.InRange(delivery.Publication.AppendedAtUnixMs, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Matches(TraceParent(), delivery.Traceparent);
        Assert.Equal(1, await redis.Connection.GetDatabase().StreamLengthAsync($"{_prefix}{{classroom:42}}:stream").WaitAsync(Timeout, Cancel));
    }

    [Fact]
    public async Task An_unsampled_publish_carries_no_trace_context_to_its_deliveries()
    {
        await using var host = FanoutHost.On(redis, _prefix, ("OTEL_TRACES_SAMPLER", "always_off"));
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:unsampled");

        await client.PublishAsync(Publications.Request("classroom:unsampled", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var delivery = await edge.NextDeliveryAsync();

        Assert.Equal(string.Empty, delivery.Traceparent);
    }

    [Fact]
    public async Task Edge_receives_nothing_for_a_channel_it_did_not_subscribe_to()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:wanted");

        await client.PublishAsync(Publications.Request("classroom:other", "{\"n\":1}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        await client.PublishAsync(Publications.Request("classroom:wanted", "{\"n\":2}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        // One replica queues deliveries in publish order, so the other channel's would have come first.
        var delivery = await edge.NextDeliveryAsync();
        Assert.Equal("classroom:wanted", delivery.Channel);
        Assert.Empty(edge.TakeReceivedDeliveries());
    }

    [Fact]
    public async Task Unsubscribed_channel_is_no_longer_delivered()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:1", "classroom:2");
        await client.PublishAsync(Publications.Request("classroom:1", "{\"n\":1}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        Assert.Equal("classroom:1", (await edge.NextDeliveryAsync()).Channel);

        await edge.UnsubscribeAsync("classroom:1");
        await client.PublishAsync(Publications.Request("classroom:1", "{\"n\":2}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        await client.PublishAsync(Publications.Request("classroom:2", "{\"n\":3}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        var next = await edge.NextDeliveryAsync();
        Assert.Equal("classroom:2", next.Channel);
        Assert.Equal("{\"n\":3}", next.Publication.Text());
    }

    [Fact]
    public async Task A_burst_reaches_an_edge_that_reads_batches_and_one_that_does_not_in_offset_order()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var batching = await EdgeStream.AttachAsync(client, "edge-batching", acceptsDeliveryBatches: true);
        await using var single = await EdgeStream.AttachAsync(client, "edge-single");
        await batching.SubscribeAsync("classroom:burst");
        await single.SubscribeAsync("classroom:burst");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.PublishAsync(Publications.Request("classroom:burst", $"{{\"i\":{i}}}"), cancellationToken: Cancel).ResponseAsync)).WaitAsync(Timeout, Cancel);
        var toBatching = await NextDeliveriesAsync(batching, 200);
        var toSingle = await NextDeliveriesAsync(single, 200);

        Assert.Equal(Enumerable.Range(1, 200).Select(offset => (ulong)offset), toBatching.Select(delivery => delivery.Publication.Offset));
        Assert.Equal(Enumerable.Range(1, 200).Select(offset => (ulong)offset), toSingle.Select(delivery => delivery.Publication.Offset));
        Assert.Equal(200, single.DeliveryMessages);
        Assert.InRange(batching.DeliveryMessages, 1, 200);
    }

    [Fact]
    public async Task Position_report_arrives_for_a_channel_published_to()
    {
        await using var host = FanoutHost.On(redis, _prefix, ("Fanout:PositionReportInterval", "00:00:00.100"));
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:5");

        PublishResponse last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PublishAsync(Publications.Request("classroom:5", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        }

        // Earlier ticks may report earlier offsets; the last append must be reported eventually.
        while (true)
        {
            var report = await edge.NextPositionReportAsync();
            var position = Assert.Single(report.Channels);
            Assert.Equal("classroom:5", position.Channel);
            Assert.Equal(last.Epoch, position.Position.Epoch);
            if (position.Position.Offset == last.Offset)
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Attach_without_hello_fails_with_failed_precondition()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        using var call = host.CreateFanoutClient().Attach(cancellationToken: Cancel);

        await call.RequestStream.WriteAsync(new EdgeMessage { Subscribe = new ChannelInterest { RequestId = 1, Channels = { "classroom:1" } } }, Cancel).WaitAsync(Timeout, Cancel);
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Cancel).WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
    }

    [Fact]
    public async Task A_second_attach_from_the_same_edge_replaces_the_first()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var first = await EdgeStream.AttachAsync(client, "edge-1");
        await first.SubscribeAsync("classroom:1");

        await using var second = await EdgeStream.AttachAsync(client, "edge-1");
        var replaced = await Assert.ThrowsAsync<RpcException>(() => first.Completion.WaitAsync(Timeout, Cancel));
        await second.SubscribeAsync("classroom:1");
        await client.PublishAsync(Publications.Request("classroom:1", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        Assert.Equal(StatusCode.Aborted, replaced.StatusCode);
        Assert.Equal(1UL, (await second.NextDeliveryAsync()).Publication.Offset);
    }

    [Fact]
    public async Task Edge_that_stops_reading_is_dropped_with_resource_exhausted()
    {
        await using var host = FanoutHost.On(redis, _prefix, ("Fanout:EdgeQueueCapacity", "4"));
        var client = host.CreateFanoutClient();
        using var call = client.Attach(cancellationToken: Cancel);
        await call.RequestStream.WriteAsync(new EdgeMessage { Hello = new EdgeHello { EdgeId = "edge-slow" } }, Cancel).WaitAsync(Timeout, Cancel);
        await call.RequestStream.WriteAsync(new EdgeMessage { Subscribe = new ChannelInterest { RequestId = 1, Channels = { "classroom:1" } } }, Cancel).WaitAsync(Timeout, Cancel);
        Assert.True(await call.ResponseStream.MoveNext(Cancel).WaitAsync(Timeout, Cancel));
        Assert.Equal(1UL, call.ResponseStream.Current.InterestAck.RequestId);

        // Without reading, the transport's buffers fill first, then the edge's queue.
        var payload = ByteString.CopyFromUtf8($"{{\"pad\":\"{new string('x', 16 * 1024)}\"}}");
        for (var i = 0; i < 200; i++)
        {
            await client.PublishAsync(new PublishRequest { Channel = "classroom:1", Data = payload }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        }

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(Cancel).WaitAsync(Timeout, Cancel))
            {
            }
        });
        Assert.True(failure.StatusCode == StatusCode.ResourceExhausted, failure.ToString());
    }

    [Fact]
    public async Task Publish_with_data_that_is_not_json_fails_with_invalid_argument_naming_data()
    {
        await using var host = FanoutHost.On(redis, _prefix);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.CreateFanoutClient().PublishAsync(Publications.Request("classroom:1", "{not json"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("data", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_to_an_empty_channel_fails_with_invalid_argument_naming_channel()
    {
        await using var host = FanoutHost.On(redis, _prefix);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.CreateFanoutClient().PublishAsync(Publications.Request("", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("channel", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_publish_with_an_idempotency_key_is_appended_once_and_the_retry_redelivers_the_stored_publication()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        await using var edge = await EdgeStream.AttachAsync(client, "edge-1");
        await edge.SubscribeAsync("classroom:1");

        var request = Publications.Request("classroom:1", "{\"once\":true}");
        request.IdempotencyKey = "publish-7";
        var first = await client.PublishAsync(request, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        request.Data = ByteString.CopyFromUtf8("{\"changed\":true}");
        var again = await client.PublishAsync(request, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var marker = await client.PublishAsync(Publications.Request("classroom:1", "{\"marker\":true}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        Assert.Equal(first, again);
        Assert.Equal(first.Offset + 1, marker.Offset);
        Assert.Equal((first.Offset, "{\"once\":true}"), Described(await edge.NextDeliveryAsync()));
        // The retry delivers the stored publication again (its first publish may have failed after the append, e.g. a
        // replica confirmation timed out): the same offset and data, which an edge that has it drops.
        Assert.Equal((first.Offset, "{\"once\":true}"), Described(await edge.NextDeliveryAsync()));
        Assert.Equal(marker.Offset, (await edge.NextDeliveryAsync()).Publication.Offset);
    }

    [Fact]
    public async Task ReadStream_returns_publications_after_since_and_the_position()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        for (var n = 1; n <= 3; n++)
        {
            await client.PublishAsync(Publications.Request("classroom:9", $"{{\"n\":{n}}}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        }

        var read = await client.ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:9", SinceOffset = 1, Limit = -1 }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        Assert.Equal(["{\"n\":2}", "{\"n\":3}"], read.Publications.Select(p => p.Text()));
        Assert.Equal([2UL, 3], read.Publications.Select(p => p.Offset));
        Assert.Equal(3UL, read.Position.Offset);
        Assert.Equal(1UL, read.FirstRetainedOffset);
        Assert.False(read.Unrecoverable);
    }

    [Fact]
    public async Task ReadStream_answers_unrecoverable_for_another_epoch_and_after_the_history_is_removed()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        for (var n = 1; n <= 3; n++)
        {
            await client.PublishAsync(Publications.Request("classroom:10", $"{{\"n\":{n}}}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        }

        Task<ReadStreamResponse> ReadSince(ulong offset, string epoch) =>
            client.ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:10", SinceOffset = offset, SinceEpoch = epoch, Limit = 10 }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        var current = await ReadSince(1, "");
        Assert.False((await ReadSince(1, current.Position.Epoch)).Unrecoverable);
        Assert.True((await ReadSince(1, "an-epoch-long-gone")).Unrecoverable);

        await client.RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:10" }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        Assert.True((await ReadSince(1, current.Position.Epoch)).Unrecoverable);
        Assert.False((await ReadSince(3, current.Position.Epoch)).Unrecoverable);
    }

    [Theory]
    [InlineData("", 10, "channel")]
    [InlineData("classroom:1", -2, "limit")]
    public async Task ReadStream_rejects_an_invalid_request_naming_the_field(string channel, int limit, string field)
    {
        await using var host = FanoutHost.On(redis, _prefix);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.CreateFanoutClient().ReadStreamAsync(new ReadStreamRequest { Channel = channel, Limit = limit }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith(field, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_fails_unavailable_when_required_replicas_do_not_confirm()
    {
        await using var host = FanoutHost.On(redis, _prefix,
            ("Fanout:Durability:ReplicaAcks", "1"), ("Fanout:Durability:ReplicaAckTimeout", "00:00:00.100"));

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.CreateFanoutClient().PublishAsync(Publications.Request("classroom:1", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task Publish_fails_unavailable_when_redis_cannot_be_reached()
    {
        var nowhere = $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200,asyncTimeout=500,syncTimeout=500";
        await using var host = FanoutHost.On(nowhere, _prefix);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            host.CreateFanoutClient().PublishAsync(Publications.Request("classroom:1", "{}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task Grpc_health_service_reports_serving_when_redis_is_up()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var health = new Health.HealthClient(host.CreateGrpcChannel());

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("Fanout:Streams:MetaTtl", "00:30:00")]
    [InlineData("Fanout:Streams:MaxLength", "0")]
    [InlineData("Fanout:EdgeQueueCapacity", "0")]
    [InlineData("Fanout:Durability:ReplicaAcks", "-1")]
    [InlineData("Fanout:Idempotency:Window", "00:00:00")]
    public async Task Invalid_settings_fail_the_start(string key, string value)
    {
        await using var host = FanoutHost.On(redis, _prefix, (key, value));

        var failure = Assert.Throws<OptionsValidationException>(() => host.Server);

        Assert.Contains(failure.Failures, message => message.Contains(key.Split(':')[^1], StringComparison.Ordinal));
    }

    private static async Task<List<V1.Delivery>> NextDeliveriesAsync(EdgeStream edge, int count)
    {
        var deliveries = new List<V1.Delivery>(count);
        while (deliveries.Count < count)
        {
            deliveries.Add(await edge.NextDeliveryAsync());
        }

        return deliveries;
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex TraceParent();

    private static (ulong Offset, string Data) Described(V1.Delivery delivery) => (delivery.Publication.Offset, delivery.Publication.Text());
}
