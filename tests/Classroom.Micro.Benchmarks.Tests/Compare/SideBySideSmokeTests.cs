using System.Text.Json;
using Classroom.Micro.Benchmarks.Compare;
using Classroom.Micro.Benchmarks.Scenarios;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Compare;

/// <summary>
/// Every side-by-side scenario in a tiny configuration against every compared system, each started and stopped by the
/// benchmark. Asserts the figures' shape, that nothing was lost, duplicated or reordered, and that every process the
/// benchmark started is gone afterwards; never how fast anything was.
/// </summary>
public sealed class SideBySideSmokeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(CompareSettings.OursEdges)]
    [InlineData(CompareSettings.OursGateway)]
    [InlineData(CompareSettings.SignalR)]
    [InlineData(CompareSettings.SocketIo)]
    public async Task Tiny_run_of_every_scenario_delivers_every_stroke_once_and_in_order_and_stops_what_it_started(string system)
    {
        var cancellation = TestContext.Current.CancellationToken;

        var result = await CompareRun.RunSystemAsync(system, TinyComparison.Settings, TextWriter.Null, cancellation).WaitAsync(RunTimeout, cancellation);

        var failures = CompareFailures.Of([result]);
        Assert.True(failures.Count == 0, $"{system} failed:\n{string.Join('\n', failures)}");
        Assert.Null(result.Error);
        Assert.Contains("redis-server", result.Processes);
        Assert.Equal(result.Processes.Count, result.Pids.Count);
        Assert.All(result.Pids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} of {system} is still running"));

        var memory = result.IdleMemory!;
        Assert.Equal([20, 40], memory.Points.Select(point => point.Connections));
        Assert.All(memory.Points, point => Assert.Equal(result.Processes.Order(), point.RssByProcess.Keys.Order()));
        Assert.All(memory.Points, point => Assert.All(point.RssByProcess.Values, rss => Assert.True(rss > 0)));
        Assert.Equal(result.Processes.Order(), memory.IdleCpuByProcess.Select(process => process.Service).Order());
        Assert.Equal(memory.IdleCpuByProcess.Sum(process => process.PercentOfOneCore), memory.IdleCpuPercentOfOneCore, precision: 0);

        var connect = result.ConnectRate!;
        Assert.Equal([20.0, 40.0], connect.Steps.Select(step => step.ArrivalsPerSecond));
        Assert.All(connect.Steps, step => Assert.Equal(step.Arrivals, step.Joined));
        Assert.All(connect.Steps, step => Assert.Equal(step.Arrivals, step.JoinLatency.Count));
        Assert.Equal(40, connect.SustainedArrivalsPerSecond);

        Assert.Equal([200.0, 400.0], result.FixedRates.Select(rate => rate.TargetDeliveriesPerSecond));
        Assert.All(result.FixedRates, rate =>
        {
            AssertEveryStrokeOnce(rate.Fanout);
            Assert.True(rate.RedisCommands > 0, "a publication crossed no redis-server");
            Assert.NotNull(rate.ServerCpuMicrosecondsPerDelivery);
            Assert.Contains(rate.Fanout.Cpu, process => process.Service == "redis-server");
            Assert.Contains(rate.Fanout.Cpu, process => process.Service == "load generator");
        });

        var knee = result.Knee!;
        Assert.Equal(2, knee.Steps.Count);
        Assert.Equal([20L, 40L], knee.Steps.Select(step => step.Publications));
        Assert.All(knee.Steps, AssertEveryStrokeOnce);
        Assert.NotNull(knee.SustainedDeliveriesPerSecond);

        if (system == CompareSettings.OursEdges)
        {
            AssertEveryKilledMemberRecovered(result.Storm);
        }
        else
        {
            Assert.Null(result.Storm);
        }
    }

    [Fact]
    public async Task Command_line_comparison_writes_markdown_json_and_svg_and_exits_zero()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("cm-bench-compare-").FullName;
        try
        {
            using var progress = new StringWriter();
            using var errors = new StringWriter();

            var exitCode = await BenchmarkCommand.RunAsync(TinyComparison.Arguments("socketio,signalr", "cpu,knee", output), progress, errors, cancellation)
                .WaitAsync(RunTimeout, cancellation);

            Assert.True(exitCode == 0, $"exit code {exitCode}: {errors}");
            var markdown = await File.ReadAllTextAsync(Path.Combine(output, "tiny.md"), cancellation);
            Assert.Contains("**PASSED**", markdown, StringComparison.Ordinal);
            Assert.Contains("## Machine", markdown, StringComparison.Ordinal);
            Assert.Contains("| figure | Socket.IO | SignalR |", markdown, StringComparison.Ordinal);
            Assert.Contains("knee: deliveries/s with p99", markdown, StringComparison.Ordinal);
            Assert.Contains("![deliveries per second against p99", markdown, StringComparison.Ordinal);

            var svg = await File.ReadAllTextAsync(Path.Combine(output, "tiny.svg"), cancellation);
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            Assert.Equal(2, svg.Split("<polyline").Length - 1);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "tiny.json"), cancellation));
            Assert.Empty(json.RootElement.GetProperty("failures").EnumerateArray());
            Assert.Equal(2, json.RootElement.GetProperty("systems").GetArrayLength());
            Assert.Equal(3, json.RootElement.GetProperty("machine").GetProperty("loadAverage").GetArrayLength());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void AssertEveryKilledMemberRecovered(Benchmarks.Compare.Scenarios.StormResult? storm)
    {
        Assert.NotNull(storm);
        Assert.Equal(TinyComparison.StormConnectionsPerEdge, storm.Killed);
        Assert.Equal(storm.Killed, storm.Resumed);
        Assert.Equal(storm.Killed, storm.Recovered);
        Assert.Equal(storm.Killed, storm.KillToRecovered.Count);
        Assert.Equal(2L * TinyComparison.StormConnectionsPerEdge * storm.PublicationsPerClassroom, storm.Integrity.Expected);
        Assert.True(storm.Integrity.Intact, $"missing {storm.Integrity.Missing}, duplicates {storm.Integrity.Duplicates}, out of order {storm.Integrity.OutOfOrder}, lost {storm.Integrity.ConnectionsLost}");
        Assert.NotNull(storm.StaleClearedSeconds);
    }

    private static void AssertEveryStrokeOnce(FanoutResult fanout)
    {
        var deliveries = fanout.Publications * TinyComparison.ClassroomSize;
        Assert.Equal(TinyComparison.Classrooms, fanout.Classrooms);
        Assert.Equal(fanout.Publications, fanout.PublishAck.Count);
        Assert.Equal(deliveries, fanout.Integrity.Expected);
        Assert.Equal(deliveries, fanout.Integrity.Received);
        Assert.Equal(deliveries, fanout.Delivery.Count);
        Assert.True(fanout.Integrity.Intact, $"missing {fanout.Integrity.Missing}, duplicates {fanout.Integrity.Duplicates}, out of order {fanout.Integrity.OutOfOrder}");
    }
}
