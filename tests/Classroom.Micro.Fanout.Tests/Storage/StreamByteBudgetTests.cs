using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

/// <summary>
/// Reads are bounded by bytes as well as count (a read past the budget is answered in part and says so), and a
/// channel's stream retains at most its byte cap, trimmed by the append that crosses it.
/// </summary>
public sealed class StreamByteBudgetTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int Kilobyte = 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task A_read_past_the_byte_budget_is_answered_in_part_and_paging_returns_every_publication_once_in_order()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix, reads: new ReadOptions { MaxResponseBytes = 256 * Kilobyte });
        // 24 MiB in the stream: one unpaged answer would be past the 16 MiB gRPC limit.
        await FillAsync(log, "classroom:big", count: 96, bytes: 256 * Kilobyte);

        var first = await log.ReadAsync("classroom:big", 0, -1, reverse: false, maxBytes: 1024 * Kilobyte).WaitAsync(Timeout, Cancel);
        var offsets = new List<ulong>();
        var since = 0UL;
        var pages = 0;
        StreamSlice page;
        do
        {
            page = await log.ReadAsync("classroom:big", since, -1, reverse: false).WaitAsync(Timeout, Cancel);
            Assert.InRange(page.Publications.Sum(publication => publication.Data.Length), 1, 256 * Kilobyte);
            offsets.AddRange(page.Publications.Select(publication => publication.Offset));
            since = page.Publications[^1].Offset;
            pages++;
        }
        while (page.Truncated);

        // The replica's own cap (256 KiB) wins over the larger request; one publication fits with its envelope.
        Assert.True(first.Truncated);
        Assert.Single(first.Publications);
        Assert.Equal(Enumerable.Range(1, 96).Select(n => (ulong)n), offsets);
        Assert.Equal(96, pages);
    }

    [Fact]
    public async Task A_newest_first_read_pages_down_with_before_offset_and_a_count_limit_still_applies()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await FillAsync(log, "classroom:rev", count: 20, bytes: 10 * Kilobyte);

        var newest = await log.ReadAsync("classroom:rev", 5, -1, reverse: true, maxBytes: 35 * Kilobyte).WaitAsync(Timeout, Cancel);
        var next = await log.ReadAsync("classroom:rev", 5, -1, reverse: true, maxBytes: 35 * Kilobyte, beforeOffset: newest.Publications[^1].Offset).WaitAsync(Timeout, Cancel);
        var counted = await log.ReadAsync("classroom:rev", 0, 4, reverse: false, maxBytes: 1024 * Kilobyte).WaitAsync(Timeout, Cancel);
        var tail = await log.ReadAsync("classroom:rev", 17, -1, reverse: false, maxBytes: 1024 * Kilobyte).WaitAsync(Timeout, Cancel);

        Assert.Equal("20,19,18 truncated", Describe(newest));
        Assert.Equal("17,16,15 truncated", Describe(next));
        Assert.Equal("1,2,3,4", Describe(counted));
        Assert.Equal("18,19,20", Describe(tail));
    }

    [Fact]
    public async Task A_channel_retains_at_most_its_byte_cap_and_a_reader_from_before_the_trim_can_tell()
    {
        var streams = new StreamOptions { Namespaces = [] };
        streams.Namespaces["classroom"] = new NamespaceRetention { MaxBytes = 100 * Kilobyte };
        var log = LogBuilder.Log(redis.Connection, _prefix, streams);
        var database = redis.Connection.GetDatabase();

        // One student pushing 2 MiB into a channel capped at 100 KiB, in lone appends and in batches.
        await FillAsync(log, "classroom:flood", count: 100, bytes: 10 * Kilobyte);
        await log.AppendBatchAsync("classroom:flood", [.. Enumerable.Range(0, 100).Select(_ => new PendingAppend(Publications.Json(Payload(10 * Kilobyte)), null))])
            .WaitAsync(Timeout, Cancel);

        var retained = await log.ReadAsync("classroom:flood", 0, -1, reverse: false, maxBytes: 1024 * Kilobyte).WaitAsync(Timeout, Cancel);
        var stored = await database.StreamLengthAsync(LogBuilder.Keys(_prefix).Stream("classroom:flood")).WaitAsync(Timeout, Cancel);

        Assert.InRange(retained.Publications.Sum(publication => publication.CalculateSize()), 90 * Kilobyte, 100 * Kilobyte);
        Assert.Equal(stored, retained.Publications.Count);
        Assert.Equal(200UL, retained.Position.Offset);
        // The retained ones are the newest, without a gap, and the first retained offset says what is gone.
        Assert.Equal(Enumerable.Range(201 - retained.Publications.Count, retained.Publications.Count).Select(n => (ulong)n), retained.Publications.Select(p => p.Offset));
        Assert.Equal(retained.Publications[0].Offset, retained.FirstRetainedOffset);
        Assert.True(retained.FirstRetainedOffset > 100);
    }

    [Fact]
    public async Task A_publication_larger_than_the_cap_is_kept_alone_and_history_removal_restarts_the_count()
    {
        var streams = new StreamOptions { Namespaces = [] };
        streams.Namespaces["classroom"] = new NamespaceRetention { MaxBytes = 16 * Kilobyte };
        var log = LogBuilder.Log(redis.Connection, _prefix, streams);

        await FillAsync(log, "classroom:huge", count: 3, bytes: 4 * Kilobyte);
        await log.AppendAsync("classroom:huge", Publications.Json(Payload(20 * Kilobyte)), null).WaitAsync(Timeout, Cancel);
        var alone = await log.ReadAsync("classroom:huge", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        await log.RemoveHistoryAsync("classroom:huge").WaitAsync(Timeout, Cancel);
        await FillAsync(log, "classroom:huge", count: 3, bytes: 4 * Kilobyte);
        var refilled = await log.ReadAsync("classroom:huge", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal([4UL], alone.Publications.Select(p => p.Offset));
        // After the removal the cap counts only what was appended since: nothing more is trimmed.
        Assert.Equal([5UL, 6, 7], refilled.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task Streams_written_before_byte_accounting_are_trimmed_oldest_first_once_over_the_cap()
    {
        var streams = new StreamOptions { Namespaces = [] };
        streams.Namespaces["classroom"] = new NamespaceRetention { MaxBytes = 40 * Kilobyte };
        var log = LogBuilder.Log(redis.Connection, _prefix, streams);
        var keys = LogBuilder.Keys(_prefix);
        var database = redis.Connection.GetDatabase();
        await FillAsync(log, "classroom:legacy", count: 5, bytes: 4 * Kilobyte);
        // As an older fanout left them: entries without the byte field, a meta without byte totals.
        var entries = await database.StreamRangeAsync(keys.Stream("classroom:legacy")).WaitAsync(Timeout, Cancel);
        await database.KeyDeleteAsync(keys.Stream("classroom:legacy")).WaitAsync(Timeout, Cancel);
        foreach (var entry in entries)
        {
            await database.StreamAddAsync(keys.Stream("classroom:legacy"), "p", entry["p"], entry.Id).WaitAsync(Timeout, Cancel);
        }

        await database.HashDeleteAsync(keys.Meta("classroom:legacy"), ["bytes", "base", "until"]).WaitAsync(Timeout, Cancel);

        await FillAsync(log, "classroom:legacy", count: 12, bytes: 4 * Kilobyte);
        var read = await log.ReadAsync("classroom:legacy", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal(17UL, read.Position.Offset);
        Assert.InRange(read.Publications.Sum(publication => publication.CalculateSize()), 30 * Kilobyte, 40 * Kilobyte);
        Assert.Equal(Enumerable.Range(18 - read.Publications.Count, read.Publications.Count).Select(n => (ulong)n), read.Publications.Select(p => p.Offset));
    }

    private static string Describe(StreamSlice slice) =>
        string.Join(',', slice.Publications.Select(publication => publication.Offset)) + (slice.Truncated ? " truncated" : string.Empty);

    private static string Payload(int bytes) => "\"" + new string('x', bytes - 2) + "\"";

    private static async Task FillAsync(PublicationLog log, string channel, int count, int bytes)
    {
        for (var n = 0; n < count; n++)
        {
            await log.AppendAsync(channel, Publications.Json(Payload(bytes)), null).WaitAsync(Timeout, Cancel);
        }
    }
}
