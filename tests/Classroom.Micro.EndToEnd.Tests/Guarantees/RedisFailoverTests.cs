using System.Diagnostics;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>
/// Redis behind Sentinel (primary, replica, three sentinels); fanout confirms every append on one replica
/// (<c>Fanout:Durability:ReplicaAcks=1</c>); the primary is killed with -9 during a burst.
/// </summary>
public sealed class RedisFailoverTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResyncTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 300_000)]
    public async Task A_sentinel_failover_during_a_burst_loses_no_acknowledged_publication_and_clients_carry_on()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var options = new ClusterOptions
        {
            Sentinel = true,
            FanoutSettings = new Dictionary<string, string?>
            {
                ["Fanout__Durability__ReplicaAcks"] = "1",
                ["Fanout__Durability__ReplicaAckTimeout"] = "00:00:00.500",
            },
        };
        await using var cluster = await Cluster.StartAsync(options, cancellation).WaitAsync(StartTimeout, cancellation);
        var sentinel = cluster.Sentinel;
        var failover = TimeSpan.Zero;

        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Members = 6, Publishers = 3, Messages = 700, Settle = TimeSpan.FromSeconds(60) }, async () =>
        {
            var clock = Stopwatch.StartNew();
            sentinel.Primary.KillHard();
            await Eventually.HoldsAsync(
                async () => await sentinel.PrimaryPortAsync() == sentinel.Replica.Port,
                FailoverTimeout,
                "the sentinels promote the replica",
                TimeSpan.FromMilliseconds(100));
            failover = clock.Elapsed;
            // The dead primary comes back (as a restarted pod would) and rejoins as a replica: until then no append
            // can be confirmed, so publishing is unavailable, as ReplicaAcks=1 promises.
            await sentinel.Primary.RestartAsReplicaAsync(sentinel.Replica.Port);
            try
            {
                // A full sync of the rejoining node waits for the primary's diskless-sync delay and a fork: slower than
                // the promotion on a busy machine.
                await Eventually.HoldsAsync(
                    async () => (await sentinel.Primary.InfoAsync("replication")).Contains("master_link_status:up", StringComparison.Ordinal),
                    ResyncTimeout,
                    "the old primary syncs as a replica of the new one",
                    TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException(
                    $"{timeout.Message}\nrejoining node:\n{await sentinel.Primary.InfoAsync("replication")}\nnew primary:\n{await sentinel.Replica.InfoAsync("replication")}\n{sentinel.OutputTails()}",
                    timeout);
            }
        }).WaitAsync(GuaranteeRun.Timeout, cancellation);
        var verdict = outcome.Verdict;
        var acks = outcome.Record.Publishes.Where(publish => publish.Acknowledged).Select(publish => publish.SettledAt!.Value).Order().ToList();
        var longestAckPause = acks.Zip(acks.Skip(1)).Select(pair => pair.Second - pair.First).DefaultIfEmpty().Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}; sentinel failover {failover.TotalMilliseconds:F0} ms; longest pause between acknowledgements {longestAckPause} ms\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        Assert.True(verdict.AnnouncedGaps.Count == 0, $"clients lost their position although every acknowledged append was replicated.\n{outcome.Describe(cluster)}");
        var afterFailover = outcome.Record.Publishes.Count(publish => publish.Acknowledged && publish.SentAt > outcome.BrokeAt + (long)failover.TotalMilliseconds);
        Assert.True(afterFailover >= 100, $"only {afterFailover} publications were acknowledged after the failover.\n{outcome.Describe(cluster)}");
    }
}
