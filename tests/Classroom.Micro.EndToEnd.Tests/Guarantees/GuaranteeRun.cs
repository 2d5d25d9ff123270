using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>What <c>guarantee.mjs</c> does in one run (see its header for the meaning of each).</summary>
internal sealed record GuaranteeSettings
{
    public int Members { get; init; } = 6;

    public int Publishers { get; init; } = 3;

    public int Messages { get; init; } = 1200;

    public int InFlight { get; init; } = 4;

    /// <summary><c>split</c> or <c>gateway</c>.</summary>
    public string Placement { get; init; } = "split";

    /// <summary><c>external</c> (the test breaks something at the checkpoint), <c>dropout</c> or <c>none</c>.</summary>
    public string Action { get; init; } = "none";

    public int DropoutFor { get; init; } = 300;

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(45);
}

/// <summary>A finished run: the record, the checker's verdict and when the test broke something.</summary>
internal sealed record GuaranteeOutcome(DeliveryRecord Record, DeliveryVerdict Verdict, string ScenarioOutput, TimeSpan? BreakTook, long? BrokeAt)
{
    /// <summary>The run's phases in milliseconds from the first publish, for the test's output.</summary>
    public string Timeline =>
        $"break reached at {Record.BreakReachedAt - Record.StartedAt} ms, broken at {BrokeAt - Record.StartedAt} ms (took {BreakTook?.TotalMilliseconds:F0} ms), "
        + $"publishing ended at {Record.PublishedAt - Record.StartedAt} ms, settled {Record.SettledAt - Record.PublishedAt} ms later";

    public string Describe(Cluster cluster) =>
        $"{Verdict.Describe()}\nsettle error: {Record.SettleError}\nscenario output:\n{ScenarioOutput}\n{cluster.OutputTails(15)}";
}

/// <summary>Runs <c>guarantee.mjs</c> against a cluster and judges its record with <see cref="DeliveryHistoryChecker"/>.</summary>
internal static class GuaranteeRun
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>How long the scenario may take once the burst is under way.</summary>
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs the scenario; with <paramref name="breakAsync"/>, calls it once the burst is under way (ACTION=external) and
    /// lets the burst end only afterwards, so publishes are in flight while it acts.
    /// </summary>
    public static async Task<GuaranteeOutcome> RunAsync(Cluster cluster, GuaranteeSettings settings, Func<Task>? breakAsync = null)
    {
        var recordPath = Path.Combine(Path.GetTempPath(), $"cm-guarantee-{Guid.NewGuid():N}.json");
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "guarantee-" + Guid.NewGuid().ToString("N")[..8];
        environment["RECORD_PATH"] = recordPath;
        environment["MEMBERS"] = Invariant(settings.Members);
        environment["PUBLISHERS"] = Invariant(settings.Publishers);
        environment["MESSAGES"] = Invariant(settings.Messages);
        environment["IN_FLIGHT"] = Invariant(settings.InFlight);
        environment["PLACEMENT"] = settings.Placement;
        environment["ACTION"] = breakAsync is null ? settings.Action : "external";
        environment["DROPOUT_FOR"] = Invariant(settings.DropoutFor);
        environment["SETTLE_MS"] = Invariant((int)settings.Settle.TotalMilliseconds);

        NodeScenario? started = null;
        try
        {
            await using var scenario = NodeScenario.Start("guarantee.mjs", environment);
            started = scenario;
            await scenario.CheckpointAsync("subscribed", NodeScenario.DefaultTimeout);
            TimeSpan? took = null;
            long? brokeAt = null;
            if (breakAsync is not null)
            {
                await scenario.CheckpointAsync("burst", NodeScenario.DefaultTimeout);
                brokeAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var clock = Stopwatch.StartNew();
                await breakAsync().WaitAsync(ScenarioTimeout);
                took = clock.Elapsed;
                await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            await scenario.ResultAsync(ScenarioTimeout);
            var record = JsonSerializer.Deserialize<DeliveryRecord>(await File.ReadAllTextAsync(recordPath), JsonDefaults.Web)
                ?? throw new InvalidOperationException("guarantee.mjs wrote an empty record");
            return new GuaranteeOutcome(record, DeliveryHistoryChecker.Check(record), scenario.Output, took, brokeAt);
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException && started is not null)
        {
            throw new InvalidOperationException($"guarantee.mjs did not finish: {failure.Message}\n{cluster.OutputTails(25)}", failure);
        }
        finally
        {
            File.Delete(recordPath);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
