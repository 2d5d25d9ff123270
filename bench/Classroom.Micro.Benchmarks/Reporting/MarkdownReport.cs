using System.Globalization;
using System.Text;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Reporting;

/// <summary>The Markdown form of a report, as recorded under <c>bench/results/</c>.</summary>
internal static class MarkdownReport
{
    public static string Write(BenchmarkReport report)
    {
        var text = new StringBuilder();
        Line(text, $"# Classroom.Micro load benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        Line(text);
        Line(text, $"**{(report.Passed ? "PASSED" : "FAILED")}**: every member got every publication once, in offset order{(report.Passed ? "." : " — NOT SO:")}");
        foreach (var failure in report.Failures)
        {
            Line(text, $"- {failure}");
        }

        Line(text);
        WriteMachine(text, report);
        if (report.Connections is { } connections)
        {
            WriteConnections(text, connections);
        }

        if (report.Fanout is { } fanout)
        {
            WriteFanout(text, fanout, report.Settings.Fanout.PublicationsPerClassroom, report.Machine.Cores);
        }

        if (report.Ramp is { } ramp)
        {
            WriteRamp(text, ramp);
        }

        return text.ToString();
    }

    private static void WriteMachine(StringBuilder text, BenchmarkReport report)
    {
        var machine = report.Machine;
        Raw(text, "## Machine and target");
        Line(text);
        Raw(text, "| cores | CPU | RAM | OS | runtime | load average before (1/5/15 min) | after |");
        Raw(text, "|---|---|---|---|---|---|---|");
        Line(text, $"| {machine.Cores} | {machine.CpuModel} | {machine.MemoryGiB} GiB | {machine.OperatingSystem} | {machine.Runtime} | {Loads(machine.LoadAverage)} | {Loads(report.LoadAverageAfter)} |");
        Line(text);
        Line(text, $"Target: {report.Target}. The load generator runs on the same machine: its CPU competes with the cluster's. Run took {report.DurationSeconds:0} s.");
        Line(text);
    }

    private static void WriteConnections(StringBuilder text, ConnectionsResult result)
    {
        var settings = result.Settings;
        Raw(text, "## connections: idle members joining");
        Line(text);
        Line(text, $"{settings.Connections} members in {result.Classrooms} classrooms of {settings.ClassroomSize}; each connects through the gateway and subscribes to `classroom:<id>`; {settings.Concurrency} joins in flight, after a warm-up classroom joined (not counted); held idle {settings.SettleSeconds} s before memory is sampled again.");
        Line(text);
        Raw(text, "| figure | value |");
        Raw(text, "|---|---|");
        Line(text, $"| connected and subscribed | {result.Connected} (failed {result.JoinFailures}, lost while idle {result.LostWhileIdle}) |");
        Line(text, $"| joins per second (connect + subscribe) | {result.JoinsPerSecond} ({result.ElapsedSeconds} s for all) |");
        Line(text, $"| join latency p50 / p95 / p99 / max | {Latencies(result.JoinLatency)} |");
        Line(text, $"| edge RSS per connection (all edges) | {Bytes(result.EdgeRssBytesPerConnection)} |");
        Line(text, $"| edge managed heap per connection (all edges; n/a when no GC ran in between) | {Bytes(result.EdgeManagedHeapBytesPerConnection)} |");
        Line(text, $"| edge allocations per join (all edges; garbage included) | {Bytes(result.EdgeAllocatedBytesPerJoin)} |");
        Line(text, $"| gateway RSS per connection | {Bytes(result.GatewayRssBytesPerConnection)} |");
        Line(text);
        Raw(text, "| service | RSS before | RSS after | managed heap before | managed heap after | GCs in between | allocated in between |");
        Raw(text, "|---|---|---|---|---|---|---|");
        foreach (var service in result.Memory)
        {
            Line(text, $"| {service.Service} | {Bytes(service.Before.RssBytes)} | {Bytes(service.After.RssBytes)} | {Bytes(service.Before.ManagedHeapBytes)} | {Bytes(service.After.ManagedHeapBytes)} | {service.After.Collections - service.Before.Collections} | {Bytes(service.Allocated)} |");
        }

        Line(text);
    }

    private static void WriteFanout(StringBuilder text, FanoutResult result, int publicationsPerClassroom, int cores)
    {
        Raw(text, "## fanout: teachers publishing to their classrooms");
        Line(text);
        Line(text, $"{result.Classrooms} classrooms, {result.Members} members in all; one teacher per classroom publishes {publicationsPerClassroom} whiteboard strokes of ~{result.PayloadBytes} bytes at {result.RatePerClassroom} per second; every member (teacher included) receives each.");
        Line(text);
        Raw(text, "| figure | value |");
        Raw(text, "|---|---|");
        Line(text, $"| publications | {result.Publications} at {result.AchievedPublishRate} per second (all acknowledged after {result.PublishSeconds} s) |");
        Line(text, $"| deliveries | {result.Integrity.Received} of {result.Integrity.Expected} expected, {result.DeliveriesPerSecond} per second |");
        Line(text, $"| publish → acknowledgement p50 / p95 / p99 / max | {Latencies(result.PublishAck)} |");
        Line(text, $"| publish → delivery p50 / p95 / p99 / max | {Latencies(result.Delivery)} |");
        Line(text, $"| missing / duplicate / out of order / connections lost | {Integrity(result.Integrity)} |");
        Line(text);
        if (result.Cpu.Count > 0)
        {
            Raw(text, "CPU used from the first publish to the last delivery (100 % = one core; the machine has " + cores.ToString(CultureInfo.InvariantCulture) + "):");
            Line(text);
            Line(text, $"| {string.Join(" | ", result.Cpu.Select(process => process.Service))} |");
            Line(text, $"|{string.Concat(result.Cpu.Select(_ => "---|"))}");
            Line(text, $"| {string.Join(" | ", result.Cpu.Select(process => process.PercentOfOneCore.ToString("0.#", CultureInfo.InvariantCulture) + " %"))} |");
            Line(text);
        }
    }

    private static void WriteRamp(StringBuilder text, RampResult ramp)
    {
        Raw(text, "## ramp: where p99 delivery latency crosses the threshold");
        Line(text);
        Line(text, $"The fanout scenario on the same classrooms, {ramp.Settings.StepSeconds} s per step, the rate ×{ramp.Settings.Factor} each step, until p99 publish → delivery exceeds {ramp.Settings.P99ThresholdMs} ms. Stopped {ramp.StoppedBecause}.");
        Line(text);
        Raw(text, "| step | rate per classroom | publications/s | deliveries/s | ack p99 | delivery p50 / p95 / p99 / max (ms) | missing / dup / order / lost |");
        Raw(text, "|---|---|---|---|---|---|---|");
        for (var i = 0; i < ramp.Steps.Count; i++)
        {
            var step = ramp.Steps[i];
            Line(text, $"| {i + 1} | {step.RatePerClassroom:0.##} | {step.AchievedPublishRate} | {step.DeliveriesPerSecond} | {step.PublishAck.P99} | {step.Delivery.P50} / {step.Delivery.P95} / {step.Delivery.P99} / {step.Delivery.Max} | {Integrity(step.Integrity)} |");
        }

        Line(text);
        Line(text, $"Highest load with p99 under {ramp.Settings.P99ThresholdMs} ms and nothing lost: {(ramp.SustainedDeliveriesPerSecond is { } sustained ? sustained.ToString(CultureInfo.InvariantCulture) + " deliveries/s" : "none")}.");
        Line(text);
    }

    private static string Latencies(LatencySummary latency) =>
        string.Create(CultureInfo.InvariantCulture, $"{latency.P50} / {latency.P95} / {latency.P99} / {latency.Max} ms ({latency.Count} samples)");

    private static string Integrity(DeliveryIntegrity integrity) =>
        string.Create(CultureInfo.InvariantCulture, $"{integrity.Missing} / {integrity.Duplicates} / {integrity.OutOfOrder} / {integrity.ConnectionsLost}");

    private static string Loads(IReadOnlyList<double> loads) =>
        string.Join(" / ", loads.Select(load => load.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Bytes(double? bytes) => bytes switch
    {
        null => "n/a",
        var value when Math.Abs(value.Value) >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / 1024 / 1024:0.0} MiB"),
        var value when Math.Abs(value.Value) >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{value / 1024:0.0} KiB"),
        var value => string.Create(CultureInfo.InvariantCulture, $"{value:0} B"),
    };

    private static void Raw(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static void Line(StringBuilder text, FormattableString? line = null) =>
        text.Append(line?.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
