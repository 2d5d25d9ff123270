using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>kill -9 of the edge holding half the class during a burst, on a cluster of its own.</summary>
public sealed class EdgeKillTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 300_000)]
    public async Task Killing_an_edge_during_a_burst_loses_duplicates_and_reorders_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync(cancellation).WaitAsync(StartTimeout, cancellation);

        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Members = 8, Publishers = 4, Messages = 1100 }, () =>
        {
            cluster.KillEdgeHard(0);
            return Task.CompletedTask;
        }).WaitAsync(GuaranteeRun.Timeout, cancellation);
        var verdict = outcome.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        Assert.Empty(verdict.AnnouncedGaps);
        var moved = outcome.Record.Clients.Where(client => client.Sockets.Count > 1).ToList();
        Assert.True(moved.Count >= 4, $"only {moved.Count} members reconnected after the kill.\n{outcome.Describe(cluster)}");
        Assert.True(verdict.Figures.Recoveries >= moved.Count, $"{verdict.Figures.Recoveries} recoveries for {moved.Count} moved members.\n{outcome.Describe(cluster)}");
        Assert.True(verdict.Figures.Acknowledged >= 1000, $"only {verdict.Figures.Acknowledged} publications were acknowledged.\n{outcome.Describe(cluster)}");
    }
}
