using System.Text.Json;
using Classroom.Micro.Benchmarks.Measurement;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Smoke;

/// <summary>
/// The benchmark's scenarios in a tiny configuration against a real cluster. Asserts the report's shape and that no
/// message was lost, duplicated or reordered; never how fast anything was (speed lives in bench/results/).
/// </summary>
public sealed class SmokeRunTests(BenchmarkClusterFixture fixture) : IClassFixture<BenchmarkClusterFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Tiny_run_of_every_scenario_delivers_every_publication_once_and_in_offset_order()
    {
        var cancellation = TestContext.Current.CancellationToken;

        var report = await BenchmarkRun.RunAsync(fixture.Target, TinySettings.All, TimeProvider.System, TextWriter.Null, cancellation)
            .WaitAsync(RunTimeout, cancellation);

        Assert.True(report.Passed, "the smoke run failed:\n" + string.Join('\n', report.Failures) + "\n" + fixture.Target.OutputTails());
        Assert.Equal(Environment.ProcessorCount, report.Machine.Cores);
        Assert.Equal(3, report.Machine.LoadAverage.Count);

        var connections = report.Connections!;
        Assert.Equal(TinySettings.Connections, connections.Connected);
        Assert.Equal(TinySettings.Connections, connections.JoinLatency.Count);
        Assert.Equal(["edge-0", "edge-1", "api", "auth", "fanout-0", "fanout-1", "gateway", "registry"], connections.Memory.Select(service => service.Service));
        Assert.All(connections.Memory, service =>
        {
            Assert.True(service.Before.RssBytes > 0 && service.After.RssBytes > 0, service.Service + " has no RSS");
            Assert.NotNull(service.After.ManagedHeapBytes);
            Assert.NotNull(service.After.AllocatedBytes);
        });
        Assert.NotNull(connections.EdgeRssBytesPerConnection);
        Assert.NotNull(connections.EdgeAllocatedBytesPerJoin);

        var fanout = report.Fanout!;
        var deliveries = TinySettings.Classrooms * TinySettings.ClassroomSize * TinySettings.PublicationsPerClassroom;
        Assert.Equal(TinySettings.Classrooms * TinySettings.PublicationsPerClassroom, fanout.Publications);
        Assert.Equal(fanout.Publications, fanout.PublishAck.Count);
        Assert.Equal(deliveries, fanout.Integrity.Expected);
        Assert.Equal(deliveries, fanout.Integrity.Received);
        Assert.Equal(deliveries, fanout.Delivery.Count);
        AssertOrdered(fanout.Delivery);
        AssertOrdered(fanout.PublishAck);
        Assert.Contains(fanout.Cpu, process => process.Service == "edge-0");
        Assert.Contains(fanout.Cpu, process => process.Service == "load generator");

        var ramp = report.Ramp!;
        Assert.Equal(TinySettings.RampSteps, ramp.Steps.Count);
        Assert.Equal([20L, 40L], ramp.Steps.Select(step => step.Publications));
        Assert.All(ramp.Steps, step => Assert.True(step.Integrity.Intact));
        Assert.NotNull(ramp.SustainedDeliveriesPerSecond);
    }

    [Fact]
    public async Task Command_line_run_against_a_running_gateway_writes_markdown_and_json_and_exits_zero()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("cm-bench-smoke-").FullName;
        try
        {
            var edges = fixture.Target.Services.Where(service => service.IsEdge).Select(service => service.HttpAddress!);
            using var progress = new StringWriter();
            using var errors = new StringWriter();

            var exitCode = await BenchmarkCommand.RunAsync(TinySettings.Arguments(fixture.Target.Gateway, edges, output), progress, errors, cancellation)
                .WaitAsync(RunTimeout, cancellation);

            Assert.True(exitCode == 0, $"exit code {exitCode}: {errors}");
            var markdown = await File.ReadAllTextAsync(Path.Combine(output, "smoke.md"), cancellation).WaitAsync(TimeSpan.FromSeconds(5), cancellation);
            Assert.Contains("**PASSED**", markdown, StringComparison.Ordinal);
            Assert.Contains("## Machine and target", markdown, StringComparison.Ordinal);
            Assert.Contains("## connections", markdown, StringComparison.Ordinal);
            Assert.Contains("## fanout", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("## ramp", markdown, StringComparison.Ordinal);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "smoke.json"), cancellation).WaitAsync(TimeSpan.FromSeconds(5), cancellation));
            var root = json.RootElement;
            Assert.Empty(root.GetProperty("failures").EnumerateArray());
            Assert.Equal(TinySettings.Connections, root.GetProperty("connections").GetProperty("connected").GetInt32());
            // Against a running cluster only the edges given with --edge-metrics are sampled.
            Assert.Equal(2, root.GetProperty("connections").GetProperty("memory").GetArrayLength());
            Assert.Equal(0, root.GetProperty("fanout").GetProperty("integrity").GetProperty("missing").GetInt64());
            Assert.True(root.GetProperty("fanout").GetProperty("delivery").GetProperty("p99").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("ramp").ValueKind);
            Assert.Equal(fixture.Target.Gateway.ToString(), root.GetProperty("settings").GetProperty("gateway").GetString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void AssertOrdered(LatencySummary latency) =>
        Assert.True(latency.P50 <= latency.P95 && latency.P95 <= latency.P99 && latency.P99 <= latency.Max, $"percentiles out of order: {latency}");
}
