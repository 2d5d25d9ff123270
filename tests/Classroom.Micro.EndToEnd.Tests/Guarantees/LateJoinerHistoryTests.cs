using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>A student who joins late reads the class's history (shared cluster).</summary>
[Collection(SharedCluster.Name)]
public sealed class LateJoinerHistoryTests(ClusterFixture fixture)
{
    private const int Publications = 500;

    [Fact(Timeout = 240_000)]
    public async Task Student_who_joins_after_500_publications_reads_all_of_them_from_history_in_order()
    {
        var environment = fixture.Cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "late-" + Guid.NewGuid().ToString("N")[..8];
        environment["PUBLICATIONS"] = Publications.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scenario = NodeScenario.Start("late-join.mjs", environment);

        var result = (await scenario.ResultAsync(TimeSpan.FromMinutes(2))).Deserialize<LateJoinResult>(JsonDefaults.Web)!;
        TestContext.Current.TestOutputHelper?.WriteLine($"{Publications} sequential publishes took {result.PublishMs} ms");

        var expected = Enumerable.Range(0, Publications).Select(n => new WirePublication(n + 1, $"late#{n}")).ToList();
        Assert.Equal(Publications, result.Subscribed.Offset);
        Assert.Equal(expected, result.All.Publications);
        Assert.Equal(expected, result.Since.Publications);
        Assert.Equal(result.Subscribed.Epoch, result.All.Epoch);
        Assert.Equal(Publications, result.All.Offset);
    }

    private sealed record LateJoinResult(IReadOnlyList<string> Published, long PublishMs, JoinPosition Subscribed, HistoryRecord All, HistoryRecord Since);

    private sealed record JoinPosition(string? Epoch, long Offset, bool Recovered);
}
