using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>
/// A class whose channel keeps only about a hundred publications (<c>Fanout:Streams:Namespaces:classroom:MaxLength=50</c>,
/// a cluster of its own): a student away for longer than that window must be told, never given a partial recovery.
/// </summary>
public sealed class RetentionWindowTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 300_000)]
    public async Task Student_away_longer_than_the_retention_window_is_told_recovered_false_and_goes_on_from_the_new_position()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var options = new ClusterOptions
        {
            FanoutSettings = new Dictionary<string, string?> { ["Fanout__Streams__Namespaces__classroom__MaxLength"] = "50" },
        };
        await using var cluster = await Cluster.StartAsync(options, cancellation).WaitAsync(StartTimeout, cancellation);

        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Members = 4, Action = "dropout", Messages = 600, DropoutFor = 400 })
            .WaitAsync(GuaranteeRun.Timeout, cancellation);
        var verdict = outcome.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        var dropout = outcome.Record.Dropout;
        Assert.True(dropout is { ReconnectedAt: not null }, $"the dropout did not happen.\n{outcome.Describe(cluster)}");
        var gap = Assert.Single(verdict.AnnouncedGaps);
        Assert.Equal(dropout!.Label, gap.Client);
        var student = outcome.Record.Clients.Single(client => client.Label == dropout.Label);
        var resubscribe = student.Sockets.Skip(1).SelectMany(socket => socket.Events).First(wire => wire.K == "subscribed");
        Assert.True(resubscribe is { WasRecovering: true, Recovered: false, Pubs.Count: 0 }, $"{dropout.Label} resubscribed as {resubscribe}.\n{outcome.Describe(cluster)}");
        Assert.True(outcome.Record.History!.Publications.Count <= 200, $"the stream kept {outcome.Record.History.Publications.Count} publications.\n{outcome.Describe(cluster)}");
    }
}
