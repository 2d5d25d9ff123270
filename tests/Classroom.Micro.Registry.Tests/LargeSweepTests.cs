using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

/// <summary>
/// A dead edge with thousands of entries, on a real redis-server of its own: one sweep removes every entry and every
/// index key of the edge, in a number of Redis calls that grows with channels and batches, not with entries.
/// </summary>
public sealed class LargeSweepTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int Connections = 3000;
    private const int Classrooms = 100;
    private const int Schools = 7;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_sweep_removes_thousands_of_a_dead_edges_entries_in_pipelined_batches_and_leaves_the_live_edge_alone()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-dead", "", Cancellation).WithTimeout();
        await store.AcquireLeaseAsync("edge-live", "", Cancellation).WithTimeout();
        foreach (var batch in Enumerable.Range(0, Connections).Chunk(500))
        {
            await Task.WhenAll(batch.SelectMany(i => new[]
            {
                store.AddSubscriptionAsync(Subscription("edge-dead", $"d{i}", $"classroom:{i % Classrooms}", userId: $"user-{i % 50}")),
                store.AddSubscriptionAsync(Subscription("edge-dead", $"d{i}", $"school:{i % Schools}", userId: $"user-{i % 50}")),
            })).WithTimeout();
        }

        await store.AddSubscriptionAsync(Subscription("edge-live", "l1", "classroom:1")).WithTimeout();
        await store.AddSubscriptionAsync(Subscription("edge-live", "l1", "school:1")).WithTimeout();
        _time.Advance(LeaseTtl / 2);
        await store.RenewLeaseAsync("edge-live").WithTimeout();
        _time.Advance(LeaseTtl / 2);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ConfigResetStatisticsAsync();

        var sweep = Assert.Single(await Sweeper(store, _time).SweepOnceAsync(Cancellation).WithTimeout());

        var calls = await ScriptCallsAsync(server);
        Assert.Equal(("edge-dead", true, Connections * 2), (sweep.EdgeId, sweep.LeaseExpired, sweep.RemovedSubscriptions));
        // Per batch of connections: one script per channel it touches and one for the index (plus the lease's own few).
        Assert.True(calls < Connections / 10, $"{calls} script calls to sweep {Connections * 2} entries");
        for (var classroom = 0; classroom < Classrooms; classroom++)
        {
            var expected = classroom == 1 ? new Dictionary<string, int> { ["edge-live"] = 1 } : [];
            Assert.Equal(expected, await RoutesAsync(store, $"classroom:{classroom}"));
        }

        for (var school = 0; school < Schools; school++)
        {
            Assert.Equal(school == 1 ? ["l1"] : [], await ConnectionsAsync(store, $"school:{school}"));
        }

        var deadEdgeKeys = server.KeysAsync(pattern: _prefix + "{edge:edge-dead}*");
        Assert.Empty(await deadEdgeKeys.Select(key => (string)key!).ToListAsync(Cancellation));
    }

    private static async Task<long> ScriptCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group);
        return stats
            .Where(pair => pair.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
