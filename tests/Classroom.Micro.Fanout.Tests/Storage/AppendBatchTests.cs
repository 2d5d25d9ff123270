using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

/// <summary>
/// Several publications of a channel appended in one call. The Redis work is read from the server's own command
/// statistics, so this class keeps its redis-server to itself and its tests run one after another.
/// </summary>
public sealed class AppendBatchTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task A_batch_takes_consecutive_offsets_in_its_order()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await log.AppendAsync("classroom:batch", Publications.Json("{\"n\":0}"), null).WaitAsync(Timeout, Cancel);

        var results = await log.AppendBatchAsync("classroom:batch", [.. Enumerable.Range(1, 5).Select(n => new PendingAppend(Publications.Json($"{{\"n\":{n}}}"), null))])
            .WaitAsync(Timeout, Cancel);
        var read = await log.ReadAsync("classroom:batch", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal([2UL, 3, 4, 5, 6], results.Select(result => result.Position.Offset));
        Assert.Single(results.Select(result => result.Position.Epoch).Append(read.Position.Epoch).Distinct());
        Assert.Equal(Enumerable.Range(0, 6).Select(n => $"{{\"n\":{n}}}"), read.Publications.Select(publication => publication.Text()));
    }

    [Fact]
    public async Task Idempotency_keys_hold_within_a_batch_and_across_batches()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        var earlier = await log.AppendAsync("classroom:idem", Publications.Json("{\"n\":1}"), "a").WaitAsync(Timeout, Cancel);

        var results = await log.AppendBatchAsync("classroom:idem",
        [
            new PendingAppend(Publications.Json("{\"n\":2}"), "a"),
            new PendingAppend(Publications.Json("{\"n\":3}"), "b"),
            new PendingAppend(Publications.Json("{\"n\":4}"), null),
            new PendingAppend(Publications.Json("{\"n\":5}"), "b"),
        ]).WaitAsync(Timeout, Cancel);

        Assert.Equal((earlier.Position, true), (results[0].Position, results[0].Duplicate));
        Assert.Equal((2UL, false), (results[1].Position.Offset, results[1].Duplicate));
        Assert.Equal((3UL, false), (results[2].Position.Offset, results[2].Duplicate));
        Assert.Equal((results[1].Position, true), (results[3].Position, results[3].Duplicate));
        // A duplicate carries the stored publication (the first one's data, not the retry's), for redelivery.
        Assert.Equal((1UL, "{\"n\":1}"), (results[0].Stored!.Offset, results[0].Stored!.Text()));
        Assert.Equal((2UL, "{\"n\":3}"), (results[3].Stored!.Offset, results[3].Stored!.Text()));
        var read = await log.ReadAsync("classroom:idem", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        Assert.Equal(["{\"n\":1}", "{\"n\":3}", "{\"n\":4}"], read.Publications.Select(publication => publication.Text()));
    }

    [Fact]
    public async Task A_call_is_one_EVALSHA_and_reads_the_replication_state_once_however_many_publications_it_carries()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await log.AppendAsync("classroom:cost", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true").WaitAsync(Timeout, Cancel);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "RESETSTAT").WaitAsync(Timeout, Cancel);

        await log.AppendBatchAsync("classroom:cost", [.. Enumerable.Range(0, 10).Select(_ => new PendingAppend(Publications.Json("{}"), null))])
            .WaitAsync(Timeout, Cancel);
        await log.AppendAsync("classroom:cost", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        var calls = await CommandCallsAsync(server);

        Assert.Equal(2, calls.GetValueOrDefault("evalsha"));
        Assert.Equal(0, calls.GetValueOrDefault("eval"));
        Assert.Equal(2, calls.GetValueOrDefault("info"));
        Assert.Equal(11, calls.GetValueOrDefault("xadd"));
    }

    [Fact]
    public async Task A_lone_append_runs_five_commands_and_pushes_the_expiry_out_only_when_less_than_the_ttl_is_left()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var log = LogBuilder.Log(redis.Connection, _prefix, time: time);
        await log.AppendAsync("classroom:lone", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true").WaitAsync(Timeout, Cancel);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "RESETSTAT").WaitAsync(Timeout, Cancel);

        await log.AppendAsync("classroom:lone", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        var steady = await CommandCallsAsync(server);
        // The classroom TTL is 2 hours with a minute of slack: a minute later the expiry is pushed out again.
        time.Advance(TimeSpan.FromMinutes(1.5));
        await server.ExecuteAsync("CONFIG", "RESETSTAT").WaitAsync(Timeout, Cancel);
        await log.AppendAsync("classroom:lone", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        var pushed = await CommandCallsAsync(server);

        Assert.Equal(
            [("evalsha", 1L), ("hmget", 1L), ("hset", 1L), ("info", 1L), ("xadd", 1L)],
            steady.Where(call => call.Value > 0 && !call.Key.StartsWith("config", StringComparison.Ordinal)).Select(call => (call.Key, call.Value)).Order());
        Assert.Equal(2, pushed.GetValueOrDefault("pexpire"));
        var ttl = (await redis.Connection.GetDatabase().KeyTimeToLiveAsync(LogBuilder.Keys(_prefix).Stream("classroom:lone")).WaitAsync(Timeout, Cancel))!.Value;
        Assert.InRange(ttl, TimeSpan.FromHours(2), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_server_that_lost_its_scripts_gets_the_source_once_and_the_hash_again_after()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        await log.AppendAsync("classroom:flushed", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true").WaitAsync(Timeout, Cancel);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ScriptFlushAsync().WaitAsync(Timeout, Cancel);
        await server.ExecuteAsync("CONFIG", "RESETSTAT").WaitAsync(Timeout, Cancel);

        var first = await log.AppendAsync("classroom:flushed", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        var second = await log.AppendAsync("classroom:flushed", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
        var calls = await CommandCallsAsync(server);

        Assert.Equal((2UL, 3UL), (first.Position.Offset, second.Position.Offset));
        // The first EVALSHA was refused (NOSCRIPT, not counted), the EVAL ran the append and cached the script.
        Assert.Equal(1, calls.GetValueOrDefault("eval"));
        Assert.Equal(1, calls.GetValueOrDefault("evalsha"));
    }

    /// <summary>Calls per command since the last reset (commands run by scripts included).</summary>
    private static async Task<Dictionary<string, long>> CommandCallsAsync(IServer server)
    {
        var sections = await server.InfoAsync("commandstats").WaitAsync(Timeout, Cancel);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in sections.SelectMany(section => section))
        {
            // cmdstat_evalsha -> calls=2,usec=...,failed_calls=1
            var name = entry.Key["cmdstat_".Length..];
            var fields = entry.Value.Split(',').Select(field => field.Split('=')).Where(pair => pair[0].EndsWith("calls", StringComparison.Ordinal))
                .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
            calls[name] = fields["calls"] - fields.GetValueOrDefault("failed_calls") - fields.GetValueOrDefault("rejected_calls");
        }

        return calls;
    }
}
