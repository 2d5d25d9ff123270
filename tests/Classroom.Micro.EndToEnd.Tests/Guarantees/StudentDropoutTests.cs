using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>A student's socket goes away for a while during a publishing burst (shared cluster: nothing is broken).</summary>
[Collection(SharedCluster.Name)]
public sealed class StudentDropoutTests(ClusterFixture fixture)
{
    [Fact(Timeout = 240_000)]
    public async Task Student_who_drops_out_during_a_burst_recovers_every_missed_publication()
    {
        var cluster = fixture.Cluster;
        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Action = "dropout", Messages = 700, DropoutFor = 250 })
            .WaitAsync(GuaranteeRun.Timeout, TestContext.Current.CancellationToken);
        var record = outcome.Record;
        var verdict = outcome.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        Assert.True(record.Dropout is { ReconnectedAt: not null }, $"the dropout did not happen: {record.Dropout}\n{outcome.Describe(cluster)}");
        var dropout = record.Dropout!;
        var student = record.Clients.Single(client => client.Label == dropout.Label);
        var resubscribe = student.Sockets.Skip(1).SelectMany(socket => socket.Events).First(wire => wire.K == "subscribed");
        Assert.True(resubscribe.Recovered, $"{dropout.Label} resubscribed without recovery: {resubscribe}\n{outcome.Describe(cluster)}");
        Assert.True(
            resubscribe.Pubs!.Count >= dropout.AckedAtReconnect - dropout.AckedAtDisconnect,
            $"{dropout.Label} recovered {resubscribe.Pubs!.Count} publications; {dropout.AckedAtReconnect - dropout.AckedAtDisconnect} were acknowledged while it was away.\n{outcome.Describe(cluster)}");
        Assert.Empty(verdict.AnnouncedGaps);
    }
}
