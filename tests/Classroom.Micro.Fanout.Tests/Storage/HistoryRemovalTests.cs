using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

/// <summary>
/// <c>history_remove</c> drops the publications and keeps the position: offsets continue in the same epoch, and a
/// reader asking for a removed offset can tell it is gone.
/// </summary>
public sealed class HistoryRemovalTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task Removing_history_keeps_the_epoch_and_offset_and_the_next_publication_continues_them()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        for (var i = 1; i <= 3; i++)
        {
            await log.AppendAsync("classroom:1", Publications.Json($"{{\"n\":{i}}}"), null).WaitAsync(Timeout, Cancel);
        }

        var before = (await log.ReadAsync("classroom:1", 0, 0, reverse: false).WaitAsync(Timeout, Cancel)).Position;

        var removed = await log.RemoveHistoryAsync("classroom:1").WaitAsync(Timeout, Cancel);
        var emptied = await log.ReadAsync("classroom:1", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        var next = await log.AppendAsync("classroom:1", Publications.Json("{\"n\":4}"), null).WaitAsync(Timeout, Cancel);
        var after = await log.ReadAsync("classroom:1", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal(new LogPosition(3, before.Epoch), removed);
        Assert.Empty(emptied.Publications);
        Assert.Equal((new LogPosition(3, before.Epoch), 0UL), (emptied.Position, emptied.FirstRetainedOffset));
        Assert.Equal(new LogPosition(4, before.Epoch), next.Position);
        Assert.Equal([4UL], after.Publications.Select(publication => publication.Offset));
        Assert.Equal(4UL, after.FirstRetainedOffset);
    }

    [Fact]
    public async Task A_reader_recovering_from_before_the_removal_sees_that_its_next_offsets_are_gone()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync("classroom:2", Publications.Json($"{{\"n\":{i}}}"), null).WaitAsync(Timeout, Cancel);
        }

        await log.RemoveHistoryAsync("classroom:2").WaitAsync(Timeout, Cancel);
        await log.AppendAsync("classroom:2", Publications.Json("{\"n\":6}"), null).WaitAsync(Timeout, Cancel);

        // A subscriber last saw offset 2: offsets 3..5 are gone, and the read must not pass 6 off as the next one.
        var slice = await log.ReadAsync("classroom:2", 2, 4, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal([6UL], slice.Publications.Select(publication => publication.Offset));
        Assert.Equal(6UL, slice.FirstRetainedOffset);
        Assert.NotEqual(3UL, slice.Publications[0].Offset);
    }

    [Fact]
    public async Task Removing_the_history_of_a_channel_never_published_to_creates_its_position_at_zero()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);

        var removed = await log.RemoveHistoryAsync("classroom:never").WaitAsync(Timeout, Cancel);
        var first = await log.AppendAsync("classroom:never", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);

        Assert.Equal(0UL, removed.Offset);
        Assert.Equal(new LogPosition(1, removed.Epoch), first.Position);
    }

    [Fact]
    public async Task The_service_removes_history_and_answers_the_kept_position()
    {
        await using var host = FanoutHost.On(redis, _prefix);
        var client = host.CreateFanoutClient();
        var published = await client.PublishAsync(Publications.Request("classroom:3", "{\"n\":1}"), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);

        var removed = await client.RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:3" }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var read = await client.ReadStreamAsync(new ReadStreamRequest { Channel = "classroom:3", Limit = -1 }, cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.RemoveHistoryAsync(new RemoveHistoryRequest(), cancellationToken: Cancel).ResponseAsync.WaitAsync(Timeout, Cancel));

        Assert.Equal(new StreamPosition { Offset = published.Offset, Epoch = published.Epoch }, removed.Position);
        Assert.Empty(read.Publications);
        Assert.Equal(removed.Position, read.Position);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }
}
