using Classroom.Micro.Benchmarks.Compare;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Compare.Reporting;
using Classroom.Micro.Benchmarks.Compare.Scenarios;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Scenarios;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Compare;

/// <summary>The side-by-side table's ratios, its command line, and the byte scanning every client relies on.</summary>
public sealed class CompareReportTests
{
    [Fact]
    public void The_summary_divides_each_of_ours_by_each_peer()
    {
        var report = Report(System("ours-edges", "ours (edges)", 3000), System("signalr", "SignalR", 1500), System("socketio", "Socket.IO", 1000));

        var markdown = CompareMarkdown.Write(report, chartFile: null);

        var row = markdown.Split('\n').Single(line => line.StartsWith("| connect: highest arrivals/s", StringComparison.Ordinal));
        Assert.Equal("| connect: highest arrivals/s with p99 connect + join ≤ 250 ms, all joined ↑ | 3,000 | 1,500 | 1,000 | 2.00 | 3.00 |", row);
        Assert.Contains("| figure | ours (edges) | SignalR | Socket.IO | ours (edges) / SignalR | ours (edges) / Socket.IO |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_a_system_did_not_measure_reads_n_a_and_so_does_its_ratio()
    {
        var markdown = CompareMarkdown.Write(Report(System("ours-edges", "ours (edges)", 3000), System("signalr", "SignalR", 1500)), chartFile: null);

        var row = markdown.Split('\n').Single(line => line.StartsWith("| knee: deliveries/s", StringComparison.Ordinal));
        Assert.EndsWith("| n/a | n/a | n/a |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void A_storm_fails_the_run_for_each_member_not_back_each_member_not_recovered_each_gap_and_a_registry_that_keeps_the_dead_edge()
    {
        var intact = System("ours-edges", "ours (edges)", 3000) with { Storm = Storm(killed: 10, resumed: 10, recovered: 10, missing: 0, staleCleared: 4.6) };
        var broken = System("ours-edges", "ours (edges)", 3000) with { Storm = Storm(killed: 10, resumed: 9, recovered: 8, missing: 3, staleCleared: null) };

        Assert.Empty(CompareFailures.Of([intact]));
        var failures = CompareFailures.Of([broken]);

        Assert.Collection(
            failures,
            failure => Assert.Contains("1 of 10 members of the killed edge could not join again (first: c/1: refused)", failure, StringComparison.Ordinal),
            failure => Assert.Contains("1 resumed members were answered recovered: false", failure, StringComparison.Ordinal),
            failure => Assert.Contains("still named the killed edge", failure, StringComparison.Ordinal),
            failure => Assert.Contains("3 of 120 deliveries missing", failure, StringComparison.Ordinal));
    }

    [Fact]
    public void The_storm_has_its_rows_in_the_summary_and_a_section_of_its_own()
    {
        var ours = System("ours-edges", "ours (edges)", 3000) with { Storm = Storm(killed: 10, resumed: 10, recovered: 10, missing: 0, staleCleared: 4.6) };

        var markdown = CompareMarkdown.Write(Report(ours, System("signalr", "SignalR", 1500)), chartFile: null);

        var row = markdown.Split('\n').Single(line => line.StartsWith("| storm: % of a killed edge's members recovered within 3 s", StringComparison.Ordinal));
        Assert.Equal("| storm: % of a killed edge's members recovered within 3 s ↑ | 100 | n/a | n/a |", row);
        Assert.Contains("## Reconnect storm (kill -9 one of two edges)", markdown, StringComparison.Ordinal);
        Assert.Contains("| ours (edges) | 10 / 10 / 10 | 100 % ≤ 3 s |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Storm_options_are_read_from_the_command_line()
    {
        var settings = CompareCommandLine.Parse(["--scenarios", "storm", "--storm-connections", "200", "--storm-rate", "1.5", "--storm-seconds", "4", "--storm-target-seconds", "2"])!;

        Assert.Equal([CompareSettings.StormScenario], settings.Scenarios);
        Assert.Equal((200, 1.5, 4.0, 2.0), (settings.StormConnectionsPerEdge, settings.StormRatePerClassroom, settings.StormSeconds, settings.StormTargetSeconds));
    }

    [Fact]
    public void A_loss_during_the_cpu_warm_up_fails_the_run_although_it_is_not_measured()
    {
        var intact = Fanout(missing: 0);
        var lossy = Fanout(missing: 2);

        Assert.Empty(CompareFailures.Of([System("ours-edges", "ours (edges)", 3000) with { FixedRateWarmUp = intact }]));
        var failure = Assert.Single(CompareFailures.Of([System("ours-edges", "ours (edges)", 3000) with { FixedRateWarmUp = lossy }]));
        Assert.Contains("cpu warm-up: 2 of 120 deliveries missing", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_warm_up_is_read_from_the_command_line_and_said_in_the_report()
    {
        Assert.Equal(15, new CompareSettings().WarmUpSeconds);
        var settings = CompareCommandLine.Parse(["--warmup-seconds", "20"])!;
        Assert.Equal(20, settings.WarmUpSeconds);
        Assert.Equal(0, CompareCommandLine.Parse(["--warmup-seconds", "0"])!.WarmUpSeconds);
        Assert.Throws<ArgumentException>(() => CompareCommandLine.Parse(["--warmup-seconds", "-1"]));

        var markdown = CompareMarkdown.Write(Report(System("ours-edges", "ours (edges)", 3000)) with { Settings = settings }, chartFile: null);
        Assert.Contains("Each system first published at 12000 deliveries/s for 20 s, not measured", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connect_ramp_ends_at_the_first_rate_with_a_member_refused_or_p99_over_the_bound()
    {
        Assert.Null(ConnectRateScenario.MissedBound(Connect(400, failures: 0, p99: 250), 250));
        Assert.Equal("p99 connect + join 251 ms at 800 arrivals/s", ConnectRateScenario.MissedBound(Connect(800, failures: 0, p99: 251), 250));
        Assert.Equal("3 members could not join at 1600 arrivals/s", ConnectRateScenario.MissedBound(Connect(1600, failures: 3, p99: 10), 250));
    }

    [Fact]
    public void Members_refused_at_the_first_connect_rate_fail_the_run_but_at_a_higher_rate_only_end_the_ramp()
    {
        var endedByRefusals = new ConnectRampResult([Connect(100, failures: 0, p99: 20), Connect(200, failures: 5, p99: 30)], 100, "5 members could not join");
        var brokenAtOnce = new ConnectRampResult([Connect(100, failures: 2, p99: 20)], null, "2 members could not join");

        Assert.Empty(CompareFailures.Of([System("ours-edges", "ours (edges)", 3000) with { ConnectRate = endedByRefusals }]));
        var failure = Assert.Single(CompareFailures.Of([System("ours-edges", "ours (edges)", 3000) with { ConnectRate = brokenAtOnce }]));
        Assert.Contains("2 of 100 arrivals at 100/s could not join", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_rates_are_read_from_the_command_line_in_rising_order()
    {
        Assert.Equal([100.0, 200, 400, 800, 1600], new CompareSettings().ConnectRates);
        Assert.Equal([50.0, 300], CompareCommandLine.Parse(["--connect-rates", "300,50"])!.ConnectRates);
        Assert.Equal([75.0], CompareCommandLine.Parse(["--connect-rate", "75"])!.ConnectRates);
        Assert.Equal(400, CompareCommandLine.Parse(["--connect-p99-ms", "400"])!.ConnectP99Ms);
    }

    [Fact]
    public void Unknown_systems_are_refused_on_the_command_line()
    {
        Assert.Throws<ArgumentException>(() => CompareCommandLine.Parse(["--systems", "ours-edges,phoenix"]));
        Assert.Equal([CompareSettings.SignalR], CompareCommandLine.Parse(["--systems", "signalr"])!.Systems);
        Assert.Equal([1000, 5000], CompareCommandLine.Parse(["--idle-connections", "5000,1000"])!.IdleConnections);
    }

    [Fact]
    public void A_stroke_is_read_from_any_protocol_s_frame_without_parsing_it()
    {
        var socketIo = "2[\"stroke\",{\"type\":\"stroke\",\"seq\":41,\"sent\":123456789,\"points\":[[1,2]]}]"u8;
        var centrifugo = "{\"push\":{\"channel\":\"classroom:1\",\"pub\":{\"data\":{\"seq\":7,\"sent\":99},\"info\":{\"user\":\"u\"},\"offset\":12}}}"u8;

        Assert.True(JsonScan.TryReadStroke(socketIo, out var sequence, out var sentAt));
        Assert.Equal((41, 123456789), (sequence, sentAt));
        Assert.True(JsonScan.TryReadLastUInt64(centrifugo, "\"offset\":"u8, out var offset));
        Assert.Equal(12UL, offset);
        Assert.False(JsonScan.TryReadStroke("{\"seq\":1}"u8, out _, out _));
    }

    private static CompareReport Report(params SystemResult[] systems) => new(
        DateTimeOffset.UnixEpoch, 1, MachineInfo.Read(), [0, 0, 0], new CompareSettings(), systems, []);

    private static SystemResult System(string key, string name, double joinsPerSecond) => new(
        key, name, name, ["redis-server"], [1], null, new ConnectRampResult([Connect(100, failures: 0, p99: 20)], joinsPerSecond, "every rate kept the bound"), [], null, null, null, null);

    private static ConnectRateResult Connect(double rate, int failures, double p99) => new(
        rate, (int)rate, (int)rate - failures, failures, failures > 0 ? "refused" : null, rate, LatencySummary.Empty with { P99 = p99 });

    private static FanoutResult Fanout(long missing) => new(
        2, 20, 1, 100, 6, 3, 2, 3, 40, LatencySummary.Empty, LatencySummary.Empty,
        DeliveryIntegrity.None with { Expected = 120, Received = 120 - missing, Missing = missing }, 0, []);

    private static StormResult Storm(int killed, int resumed, int recovered, long missing, double? staleCleared) => new(
        10, killed, resumed, recovered, recovered, 3, resumed < killed ? "c/1: refused" : null, LatencySummary.Empty, 6,
        DeliveryIntegrity.None with { Expected = 120, Received = 120 - missing, Missing = missing }, 0, staleCleared, 4.5);
}
