using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

public sealed class PublicationLogTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task Concurrent_appends_from_two_replicas_get_gap_free_unique_offsets()
    {
        await using var firstConnection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration).WaitAsync(Timeout, Cancel);
        await using var secondConnection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration).WaitAsync(Timeout, Cancel);
        var first = LogBuilder.Log(firstConnection, _prefix);
        var second = LogBuilder.Log(secondConnection, _prefix);

        var appends = Enumerable.Range(0, 500)
            .SelectMany(i => new[]
            {
                first.AppendAsync("classroom:42", Publications.Json($"{{\"from\":1,\"i\":{i}}}"), null),
                second.AppendAsync("classroom:42", Publications.Json($"{{\"from\":2,\"i\":{i}}}"), null),
            })
            .ToList();
        var results = await Task.WhenAll(appends).WaitAsync(Timeout, Cancel);

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), results.Select(r => r.Position.Offset).Order());
        Assert.Single(results.Select(r => r.Position.Epoch).Distinct());
        Assert.DoesNotContain(results, r => r.Duplicate);

        var all = await first.ReadAsync("classroom:42", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), all.Publications.Select(p => p.Offset));
        Assert.Equal(new LogPosition(1000, results[0].Position.Epoch), all.Position);
    }

    [Fact]
    public async Task Read_returns_publications_after_since_offset_oldest_first_up_to_limit()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await AppendNumbered(log, "classroom:1", 10);

        var slice = await log.ReadAsync("classroom:1", 3, 4, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal([4UL, 5, 6, 7], slice.Publications.Select(p => p.Offset));
        Assert.Equal(["{\"n\":4}", "{\"n\":5}", "{\"n\":6}", "{\"n\":7}"], slice.Publications.Select(p => p.Text()));
        Assert.Equal(10UL, slice.Position.Offset);
        Assert.Equal(1UL, slice.FirstRetainedOffset);
    }

    [Fact]
    public async Task Reverse_read_returns_newest_first_and_only_after_since_offset()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await AppendNumbered(log, "classroom:1", 10);

        var newest = await log.ReadAsync("classroom:1", 3, 4, reverse: true).WaitAsync(Timeout, Cancel);
        var bounded = await log.ReadAsync("classroom:1", 7, 100, reverse: true).WaitAsync(Timeout, Cancel);

        Assert.Equal([10UL, 9, 8, 7], newest.Publications.Select(p => p.Offset));
        Assert.Equal([10UL, 9, 8], bounded.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task Read_with_limit_zero_returns_only_the_position_and_limit_minus_one_returns_all()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await AppendNumbered(log, "classroom:1", 5);

        var positionOnly = await log.ReadAsync("classroom:1", 0, 0, reverse: false).WaitAsync(Timeout, Cancel);
        var all = await log.ReadAsync("classroom:1", 2, -1, reverse: false).WaitAsync(Timeout, Cancel);
        var caughtUp = await log.ReadAsync("classroom:1", 5, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Empty(positionOnly.Publications);
        Assert.Equal(5UL, positionOnly.Position.Offset);
        Assert.Equal([3UL, 4, 5], all.Publications.Select(p => p.Offset));
        Assert.Empty(caughtUp.Publications);
    }

    [Fact]
    public async Task Reading_an_empty_channel_creates_an_epoch_that_stays_stable()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);

        var first = await log.ReadAsync("classroom:empty", 0, 10, reverse: false).WaitAsync(Timeout, Cancel);
        var second = await log.ReadAsync("classroom:empty", 0, 10, reverse: false).WaitAsync(Timeout, Cancel);
        var appended = await log.AppendAsync("classroom:empty", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);

        Assert.NotEmpty(first.Position.Epoch);
        Assert.Equal(new LogPosition(0, first.Position.Epoch), first.Position);
        Assert.Equal(first.Position, second.Position);
        Assert.Equal(0UL, first.FirstRetainedOffset);
        Assert.Empty(first.Publications);
        Assert.Equal(new LogPosition(1, first.Position.Epoch), appended.Position);
    }

    [Fact]
    public async Task Losing_the_channel_keys_starts_a_new_epoch_from_offset_one()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        var before = await AppendNumbered(log, "classroom:7", 3);

        await DeleteKeysWithPrefix();
        var afterLoss = await log.ReadAsync("classroom:7", 0, 0, reverse: false).WaitAsync(Timeout, Cancel);
        var appended = await log.AppendAsync("classroom:7", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);

        Assert.NotEqual(before.Epoch, afterLoss.Position.Epoch);
        Assert.Equal(0UL, afterLoss.Position.Offset);
        Assert.Equal(new LogPosition(1, afterLoss.Position.Epoch), appended.Position);
    }

    [Fact]
    public async Task Losing_only_the_meta_starts_a_new_epoch_and_drops_the_orphaned_stream()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        var keys = LogBuilder.Keys(_prefix);
        var before = await AppendNumbered(log, "classroom:8", 3);

        await redis.Connection.GetDatabase().KeyDeleteAsync(keys.Meta("classroom:8")).WaitAsync(Timeout, Cancel);
        var appended = await log.AppendAsync("classroom:8", Publications.Json("{\"after\":true}"), null).WaitAsync(Timeout, Cancel);
        var slice = await log.ReadAsync("classroom:8", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.NotEqual(before.Epoch, appended.Position.Epoch);
        Assert.Equal(1UL, appended.Position.Offset);
        Assert.Equal(["{\"after\":true}"], slice.Publications.Select(p => p.Text()));
    }

    [Fact]
    public async Task Trimming_keeps_about_max_length_and_moves_the_first_retained_offset()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix, new StreamOptions { MaxLength = 100, Namespaces = [] });
        var keys = LogBuilder.Keys(_prefix);

        await AppendNumbered(log, "classroom:busy", 1000);
        var length = await redis.Connection.GetDatabase().StreamLengthAsync(keys.Stream("classroom:busy")).WaitAsync(Timeout, Cancel);
        var slice = await log.ReadAsync("classroom:busy", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        // Approximate trimming removes whole stream nodes (100 entries by default).
        Assert.InRange(length, 100, 200);
        Assert.Equal((ulong)(1000 - length + 1), slice.FirstRetainedOffset);
        Assert.Equal(length, slice.Publications.Count);
        Assert.Equal(slice.FirstRetainedOffset, slice.Publications[0].Offset);
        Assert.Equal(1000UL, slice.Publications[^1].Offset);
    }

    [Fact]
    public async Task Idempotent_publish_returns_the_first_offset_and_appends_once()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix, idempotency: new IdempotencyOptions { Window = TimeSpan.FromMinutes(5) });
        var keys = LogBuilder.Keys(_prefix);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => log.AppendAsync("classroom:3", Publications.Json("{\"once\":1}"), "request-1"))).WaitAsync(Timeout, Cancel);
        var other = await log.AppendAsync("classroom:3", Publications.Json("{\"once\":2}"), "request-2").WaitAsync(Timeout, Cancel);
        var slice = await log.ReadAsync("classroom:3", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        var remembered = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(keys.Idempotency("classroom:3", "request-1")).WaitAsync(Timeout, Cancel);

        Assert.Single(attempts.Select(a => a.Position).Distinct());
        Assert.Single(attempts, a => !a.Duplicate);
        Assert.Equal(1UL, attempts[0].Position.Offset);
        Assert.Equal(2UL, other.Position.Offset);
        Assert.Equal(["{\"once\":1}", "{\"once\":2}"], slice.Publications.Select(p => p.Text()));
        Assert.NotNull(remembered);
        Assert.InRange(remembered.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Channel_keys_share_the_hash_tag_and_the_meta_outlives_the_stream()
    {
        var streams = new StreamOptions { Ttl = TimeSpan.FromHours(2), MetaTtl = TimeSpan.FromHours(24) };
        var log = LogBuilder.Log(redis.Connection, _prefix, streams);
        var database = redis.Connection.GetDatabase();

        await log.AppendAsync("classroom:42", Publications.Json("{}"), "k").WaitAsync(Timeout, Cancel);
        var streamTtl = await database.KeyTimeToLiveAsync($"{_prefix}{{classroom:42}}:stream").WaitAsync(Timeout, Cancel);
        var metaTtl = await database.KeyTimeToLiveAsync($"{_prefix}{{classroom:42}}:meta").WaitAsync(Timeout, Cancel);
        var idempotencyExists = await database.KeyExistsAsync($"{_prefix}{{classroom:42}}:idem:k").WaitAsync(Timeout, Cancel);

        Assert.NotNull(streamTtl);
        Assert.NotNull(metaTtl);
        // Pushed out to the TTL plus a minute of slack, so busy channels need not refresh it on every append.
        Assert.InRange(streamTtl.Value, TimeSpan.FromHours(2), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.InRange(metaTtl.Value, TimeSpan.FromHours(24), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.True(idempotencyExists);
    }

    private static async Task<LogPosition> AppendNumbered(PublicationLog log, string channel, int count)
    {
        var last = default(LogPosition);
        for (var n = 1; n <= count; n++)
        {
            last = (await log.AppendAsync(channel, Publications.Json($"{{\"n\":{n}}}"), null).WaitAsync(Timeout, Cancel)).Position;
        }

        return last;
    }

    private async Task DeleteKeysWithPrefix()
    {
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
        {
            keys.Add(key);
        }

        Assert.NotEmpty(keys);
        await redis.Connection.GetDatabase().KeyDeleteAsync([.. keys]).WaitAsync(Timeout, Cancel);
    }
}
