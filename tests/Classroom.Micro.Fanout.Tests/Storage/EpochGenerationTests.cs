using System.Globalization;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

/// <summary>
/// The epoch changes whenever the primary may lack acknowledged appends (restart, promotion), so no (epoch, offset)
/// names two publications. The meta's <c>gen</c> is the replication id of the primary that last wrote it; the tests
/// stand in for "another primary wrote it" by rewriting that field.
/// </summary>
public sealed class EpochGenerationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string NoReplicationId = "0000000000000000000000000000000000000000";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task A_stream_last_written_by_another_primary_gets_a_new_epoch_and_keeps_counting_offsets()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        var before = await AppendAsync(log, "classroom:gen", 3);
        await RewriteGenerationAsync("classroom:gen", "0123456789abcdef0123456789abcdef01234567");

        var read = await log.ReadAsync("classroom:gen", 0, -1, reverse: false).WaitAsync(Timeout, Cancel);
        var after = (await log.AppendAsync("classroom:gen", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel)).Position;

        Assert.NotEqual(before.Epoch, read.Position.Epoch);
        Assert.Equal(read.Position.Epoch, after.Epoch);
        Assert.Equal(4UL, after.Offset);
        Assert.Equal([1UL, 2, 3], read.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task A_promoted_replica_keeps_the_epoch_only_when_every_exposed_append_was_confirmed_by_a_replica()
    {
        var confirmed = LogBuilder.Log(redis.Connection, _prefix, durability: new DurabilityOptions { ReplicaAcks = 1 });
        var unconfirmed = LogBuilder.Log(redis.Connection, _prefix);
        var first = await AppendAsync(confirmed, "classroom:promoted-a", 2);
        var second = await AppendAsync(unconfirmed, "classroom:promoted-b", 2);
        // A standalone server's master_replid2 is all zeros: a meta written by "that" primary looks promoted-from.
        await RewriteGenerationAsync("classroom:promoted-a", NoReplicationId);
        await RewriteGenerationAsync("classroom:promoted-b", NoReplicationId);

        var kept = (await confirmed.AppendAsync("classroom:promoted-a", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel)).Position;
        var rotated = (await unconfirmed.AppendAsync("classroom:promoted-b", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel)).Position;

        Assert.Equal(new LogPosition(3, first.Epoch), kept);
        Assert.NotEqual(second.Epoch, rotated.Epoch);
        Assert.Equal(3UL, rotated.Offset);
    }

    [Fact]
    public async Task The_epoch_stays_while_the_same_primary_serves_the_stream()
    {
        var log = LogBuilder.Log(redis.Connection, _prefix);
        var first = await AppendAsync(log, "classroom:steady", 1);

        var later = await AppendAsync(log, "classroom:steady", 5);
        var read = await log.ReadAsync("classroom:steady", 0, 0, reverse: false).WaitAsync(Timeout, Cancel);

        Assert.Equal(first.Epoch, later.Epoch);
        Assert.Equal(new LogPosition(6, first.Epoch), read.Position);
    }

    [Fact]
    public async Task A_really_promoted_replica_changes_the_epoch_without_replica_acks_and_keeps_it_with_them()
    {
        var directory = Directory.CreateTempSubdirectory("cm-redis-promoted-").FullName;
        var port = FreePort.Next();
        try
        {
            await using var replica = ChildProcess.Start($"redis-replica-{port}", RedisServer.Executable(),
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                "--save", "", "--appendonly", "no", "--protected-mode", "no",
                "--replicaof", "127.0.0.1", redis.Port.ToString(CultureInfo.InvariantCulture),
            ]);
            await using var replicaConnection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false,allowAdmin=true").WaitAsync(Timeout, Cancel);
            var replicaServer = replicaConnection.GetServer(replicaConnection.GetEndPoints()[0]);
            await Eventually.HoldsAsync(
                async () => ((string?)await replicaServer.ExecuteAsync("INFO", "replication"))?.Contains("master_link_status:up", StringComparison.Ordinal) == true,
                Timeout,
                $"the replica syncs with the primary. Output:\n{replica.Tail()}");

            var confirmed = new DurabilityOptions { ReplicaAcks = 1 };
            var onPrimaryKept = await AppendAsync(LogBuilder.Log(redis.Connection, _prefix, durability: confirmed), "classroom:failover-kept", 3);
            var onPrimaryRotated = await AppendAsync(LogBuilder.Log(redis.Connection, _prefix), "classroom:failover-rotated", 3);
            await Eventually.HoldsAsync(
                async () => await replicaConnection.GetDatabase().StreamLengthAsync(LogBuilder.Keys(_prefix).Stream("classroom:failover-rotated"), CommandFlags.DemandReplica) == 3,
                Timeout,
                "the replica has every append");

            await replicaServer.ExecuteAsync("REPLICAOF", "NO", "ONE").WaitAsync(Timeout, Cancel);
            await Eventually.HoldsAsync(
                async () => ((string?)await replicaServer.ExecuteAsync("INFO", "replication"))?.Contains("role:master", StringComparison.Ordinal) == true,
                Timeout,
                "the replica is promoted");
            var kept = await AppendAsync(LogBuilder.Log(replicaConnection, _prefix, durability: confirmed), "classroom:failover-kept", 1);
            var rotated = await AppendAsync(LogBuilder.Log(replicaConnection, _prefix), "classroom:failover-rotated", 1);

            Assert.Equal(new LogPosition(4, onPrimaryKept.Epoch), kept);
            Assert.NotEqual(onPrimaryRotated.Epoch, rotated.Epoch);
            Assert.Equal(4UL, rotated.Offset);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<LogPosition> AppendAsync(PublicationLog log, string channel, int count)
    {
        var last = default(LogPosition);
        for (var i = 0; i < count; i++)
        {
            last = (await log.AppendAsync(channel, Publications.Json("{}"), null).WaitAsync(Timeout, Cancel)).Position;
        }

        return last;
    }

    private Task<bool> RewriteGenerationAsync(string channel, string generation) =>
        redis.Connection.GetDatabase().HashSetAsync(LogBuilder.Keys(_prefix).Meta(channel), "gen", generation).WaitAsync(Timeout, Cancel);
}
