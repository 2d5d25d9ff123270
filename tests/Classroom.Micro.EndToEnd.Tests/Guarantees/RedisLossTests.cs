using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>Redis restarted empty during a burst: every stream is gone, and clients must be told, never misled.</summary>
public sealed class RedisLossTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 300_000)]
    public async Task After_redis_loses_everything_clients_get_a_new_epoch_and_recovered_false_never_wrong_data()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync(cancellation).WaitAsync(StartTimeout, cancellation);

        var outcome = await GuaranteeRun.RunAsync(cluster, new GuaranteeSettings { Members = 6, Publishers = 3, Messages = 600 }, cluster.RestartRedisEmptyAsync)
            .WaitAsync(GuaranteeRun.Timeout, cancellation);
        var verdict = outcome.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine($"{verdict.Figures}\n{outcome.Timeline}");

        Assert.True(verdict.Violations.Count == 0, outcome.Describe(cluster));
        var firstEpoch = outcome.Record.Clients[0].Sockets[0].Events.First(wire => wire.K == "subscribed").Epoch;
        Assert.True(outcome.Record.Top is { } top && top.Epoch != firstEpoch, $"the stream kept epoch {firstEpoch} after Redis lost it.\n{outcome.Describe(cluster)}");
        foreach (var client in outcome.Record.Clients)
        {
            Assert.True(
                verdict.AnnouncedGaps.Any(gap => gap.Client == client.Label),
                $"{client.Label} was never told its position was lost.\n{outcome.Describe(cluster)}");
        }
    }
}
