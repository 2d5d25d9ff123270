using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>kill -9 of one fanout replica during a burst, on a cluster of its own.</summary>
public sealed class FanoutKillTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 300_000)]
    public async Task Killing_a_fanout_replica_during_a_burst_loses_duplicates_and_reorders_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync(cancellation).WaitAsync(StartTimeout, cancellation);

        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Members = 6, Publishers = 3, Messages = 700 }, () =>
        {
            cluster.KillFanoutHard(0);
            return Task.CompletedTask;
        }).WaitAsync(GuaranteeRun.Timeout, cancellation);
        var verdict = outcome.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        Assert.True(verdict.AnnouncedGaps.Count == 0, $"a fanout replica's death cost clients their position.\n{outcome.Describe(cluster)}");
        Assert.True(verdict.Figures.Acknowledged >= 600, $"only {verdict.Figures.Acknowledged} publications were acknowledged.\n{outcome.Describe(cluster)}");
        var afterKill = outcome.Record.Publishes.Count(publish => publish.Acknowledged && publish.SentAt > outcome.BrokeAt);
        Assert.True(afterKill >= 100, $"only {afterKill} publications were acknowledged after the kill.\n{outcome.Describe(cluster)}");
    }
}
