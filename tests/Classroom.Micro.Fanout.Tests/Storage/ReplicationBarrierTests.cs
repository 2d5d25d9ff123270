using System.Globalization;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

public sealed class ReplicationBarrierTests(RedisServer primary) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task Durable_append_is_on_the_replica_when_the_publish_returns_and_fails_when_too_few_replicas_confirm()
    {
        var directory = Directory.CreateTempSubdirectory("cm-redis-replica-").FullName;
        var port = FreePort.Next();
        try
        {
            await using (var replica = ChildProcess.Start($"redis-replica-{port}", RedisServer.Executable(),
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                "--save", "", "--appendonly", "no", "--protected-mode", "no",
                "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture),
            ]))
            {
                await using var replicaConnection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false,allowAdmin=true").WaitAsync(Timeout, Cancel);
                await Eventually.HoldsAsync(async () =>
                {
                    var info = (string?)await replicaConnection.GetServer(replicaConnection.GetEndPoints()[0]).ExecuteAsync("INFO", "replication");
                    return info?.Contains("master_link_status:up", StringComparison.Ordinal) == true;
                }, Timeout, $"the replica syncs with the primary. Output:\n{replica.Tail()}");

                var log = LogBuilder.Log(primary.Connection, _prefix);
                var keys = LogBuilder.Keys(_prefix);
                var oneReplica = Barrier(replicaAcks: 1, TimeSpan.FromSeconds(5));
                var twoReplicas = Barrier(replicaAcks: 2, TimeSpan.FromMilliseconds(200));

                for (var i = 1; i <= 20; i++)
                {
                    var mark = oneReplica.Mark();
                    await log.AppendAsync("classroom:durable", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
                    await oneReplica.WaitForReplicasAsync("classroom:durable", mark).WaitAsync(Timeout, Cancel);

                    // Read from the replica right away: WAIT returned, so the append must be there.
                    var replicated = await replicaConnection.GetDatabase().StreamLengthAsync(keys.Stream("classroom:durable"), CommandFlags.DemandReplica).WaitAsync(Timeout, Cancel);
                    Assert.Equal(i, replicated);
                }

                await log.AppendAsync("classroom:durable", Publications.Json("{}"), null).WaitAsync(Timeout, Cancel);
                var shortfall = await Assert.ThrowsAsync<ReplicationUnconfirmedException>(
                    () => twoReplicas.WaitForReplicasAsync("classroom:durable", twoReplicas.Mark()).WaitAsync(Timeout, Cancel));
                Assert.Equal(1, shortfall.Confirmed);
                Assert.Equal(2, shortfall.Required);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_required_acks_the_barrier_returns_at_once_even_with_no_replica()
    {
        var barrier = Barrier(replicaAcks: 0, TimeSpan.FromMinutes(1));

        var waiting = barrier.WaitForReplicasAsync("classroom:fast", barrier.Mark());

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting.WaitAsync(Timeout, Cancel);
    }

    private ReplicationBarrier Barrier(int replicaAcks, TimeSpan timeout) =>
        new(primary.Connection, LogBuilder.Keys(_prefix), Options.Create(new DurabilityOptions { ReplicaAcks = replicaAcks, ReplicaAckTimeout = timeout }));
}
