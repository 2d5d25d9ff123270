using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Xunit;
using ClusterFixture = Classroom.Micro.EndToEnd.Tests.Hosting.ClusterFixture;
using SharedCluster = Classroom.Micro.EndToEnd.Tests.Hosting.SharedCluster;

namespace Classroom.Micro.EndToEnd.Tests.Hardening;

// Reads of a channel holding more than one gRPC message can carry (16 MiB) are paged by bytes: recovery past its
// budget answers `recovered: false` at once, history past its budget 106. Runs on the shared cluster.
[Collection(SharedCluster.Name)]
public sealed class BigChannelReadTests(ClusterFixture fixture)
{
    [Fact(Timeout = 300_000)]
    public async Task Student_away_while_18_MB_were_published_is_told_to_rebuild_instead_of_failing_in_a_loop()
    {
        await using var scenario = NodeScenario.Start("big-channel.mjs", BigChannelEnvironment(padBytes: 60_000));

        var raw = await scenario.ResultAsync(TimeSpan.FromMinutes(4));
        TestContext.Current.TestOutputHelper?.WriteLine(raw.GetProperty("timeline").ToString());
        var result = raw.Deserialize<BigChannelResult>(JsonDefaults.Web)!;

        Assert.Equal(new Resubscribe(Recovered: false, WasRecovering: true), result.Resubscribed);
        Assert.Empty(result.SubscribeErrors);
        Assert.Equal(new HistoryOutcome(false, 106, null, 0), result.Whole with { Offsets = null });
        Assert.True(result.Newest.Ok);
        Assert.Equal(Enumerable.Range(0, 5).Select(n => (long)(Publications + 1 - n)), result.Newest.Offsets!);
        Assert.Equal(Enumerable.Range(1, Publications + 1).Select(n => (long)n), result.Present);
    }

    private const int Publications = 300;

    // 300 publications of 60 kB: past the recovery budget (8 MiB) and past one gRPC message (16 MiB).
    private Dictionary<string, string?> BigChannelEnvironment(int padBytes)
    {
        var environment = fixture.Cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = $"big-{Guid.NewGuid():N}"[..12];
        environment["PUBLICATIONS"] = Publications.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["PAD_BYTES"] = padBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    private sealed record BigChannelResult(Resubscribe Resubscribed, IReadOnlyList<int> SubscribeErrors, HistoryOutcome Whole, HistoryOutcome Newest, IReadOnlyList<long> Present);

    private sealed record Resubscribe(bool Recovered, bool WasRecovering);

    private sealed record HistoryOutcome(bool Ok, int? Code, IReadOnlyList<long>? Offsets, long Offset);
}
