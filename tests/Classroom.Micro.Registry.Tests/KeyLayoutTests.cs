using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

public sealed class KeyLayoutTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_of_one_channel_or_one_edge_share_a_single_hash_tag()
    {
        var prefix = RedisServer.UniquePrefix();
        var store = Store(redis.Connection, prefix, TimeProvider.System);
        string[] channels = ["classroom:42", "classroom:42:chat", "user:7#7"];
        string[] edges = ["edge-a", "edge-b"];
        foreach (var edge in edges)
        {
            await store.AcquireLeaseAsync(edge, "", Cancellation).WithTimeout();
            foreach (var channel in channels)
            {
                await store.AddSubscriptionAsync(Subscription(edge, $"{edge}-conn", channel)).WithTimeout();
            }
        }

        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints().Single());
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*").WithCancellation(Cancellation))
        {
            keys.Add(key!);
        }

        var tagged = keys.Where(key => key != prefix + "leases").ToList();
        Assert.Contains(prefix + "leases", keys);
        Assert.All(tagged, key => Assert.StartsWith(prefix + "{", key, StringComparison.Ordinal));

        var byTag = tagged.GroupBy(HashTag.Of).ToDictionary(group => group.Key, group => group.ToList());
        Assert.Equal(channels.Concat(edges.Select(edge => "edge:" + edge)).Order(), byTag.Keys.Order());
        foreach (var channel in channels)
        {
            Assert.Equal(
                [$"{prefix}{{{channel}}}:owners", $"{prefix}{{{channel}}}:routes", $"{prefix}{{{channel}}}:subs"],
                byTag[channel].Order());
        }

        foreach (var edge in edges)
        {
            Assert.Contains($"{prefix}{{edge:{edge}}}:lease", byTag["edge:" + edge]);
            Assert.True(byTag["edge:" + edge].Count >= 3, $"edge {edge} has only {string.Join(", ", byTag["edge:" + edge])}");
        }
    }

    [Fact]
    public async Task A_script_spanning_two_hash_tags_is_refused_before_it_reaches_redis()
    {
        var keys = new RegistryKeys(RedisServer.UniquePrefix());
        var database = redis.Connection.GetDatabase();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.EvaluateAsync("return 1", [keys.ChannelRoutes("classroom:1"), keys.EdgeLease("edge-a")]).WithTimeout());
        Assert.Equal(1, (int)await database.EvaluateAsync("return 1", [keys.ChannelRoutes("classroom:1"), keys.ChannelSubscriptions("classroom:1")]).WithTimeout());
    }

    [Theory]
    [InlineData("cm:{classroom:42}:subs", "classroom:42")]
    [InlineData("cm:{edge:e-1}:conn:{x}", "edge:e-1")]
    [InlineData("cm:leases", "cm:leases")]
    [InlineData("cm:{}{x}", "cm:{}{x}")]
    public void The_hash_tag_follows_the_cluster_rule(string key, string expected) =>
        Assert.Equal(expected, HashTag.Of(key));
}
