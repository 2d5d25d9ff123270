using System.Globalization;
using System.Text;
using Classroom.Micro.Benchmarks.Compare.Scenarios;
using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Compare.Reporting;

/// <summary>The Markdown form of a side-by-side run: the summary table with ratios, then each scenario's detail.</summary>
internal static class CompareMarkdown
{
    public static string Write(CompareReport report, string? chartFile)
    {
        var text = new StringBuilder();
        Line(text, $"# Classroom.Micro side by side, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        Line(text);
        Line(text, $"**{(report.Passed ? "PASSED" : "FAILED")}**: every member of every system got every stroke once, in order{(report.Passed ? "." : " — NOT SO:")}");
        foreach (var failure in report.Failures)
        {
            Line(text, $"- {failure.Split('\n')[0]}");
        }

        Line(text);
        WriteMachine(text, report);
        WriteSummary(text, report);
        if (chartFile is not null)
        {
            Line(text, $"![deliveries per second against p99 publish → delivery, per system]({chartFile})");
            Line(text);
        }

        WriteDetails(text, report);
        return text.ToString();
    }

    /// <summary>The summary's rows: what each is, and how to read it (higher or lower is better).</summary>
    public static IReadOnlyList<(string Figure, bool HigherIsBetter, Func<SystemResult, double?> Value)> Figures(CompareSettings settings)
    {
        var figures = new List<(string, bool, Func<SystemResult, double?>)>
        {
            ("knee: deliveries/s with p99 ≤ " + Number(settings.P99ThresholdMs) + " ms, intact", true, system => system.Knee?.SustainedDeliveriesPerSecond),
            ("knee: p99 publish → delivery at that load (ms)", false, system => system.Knee?.SustainedP99),
        };
        foreach (var (rate, index) in settings.FixedDeliveryRates.Select((rate, index) => (rate, index)))
        {
            figures.Add(($"server CPU per delivery at {Number(rate)}/s (µs, all server processes + redis)", false, system => At(system, index)?.ServerCpuMicrosecondsPerDelivery));
            figures.Add(($"p99 publish → delivery at {Number(rate)}/s (ms)", false, system => At(system, index)?.Fanout.Delivery.P99));
            figures.Add(($"Redis commands per publication at {Number(rate)}/s", false, system => At(system, index)?.RedisCommandsPerPublication));
        }

        foreach (var (connections, index) in settings.IdleConnections.Select((connections, index) => (connections, index)))
        {
            figures.Add(($"idle RSS per connection at {Number(connections)} (KiB, all server processes + redis)", false,
                system => system.IdleMemory?.Points.ElementAtOrDefault(index)?.RssBytesPerConnection is { } bytes ? Math.Round(bytes / 1024, 1) : null));
        }

        figures.Add(($"idle CPU with {Number(settings.IdleConnections.Count > 0 ? settings.IdleConnections[^1] : 0)} connections (% of one core, all server processes + redis)", false,
            system => system.IdleMemory?.IdleCpuPercentOfOneCore));
        figures.Add(($"connect: highest arrivals/s with p99 connect + join ≤ {Number(settings.ConnectP99Ms)} ms, all joined", true, system => system.ConnectRate?.SustainedArrivalsPerSecond));
        figures.Add(($"connect: p99 connect + join at {Number(settings.ConnectRates.Count > 0 ? settings.ConnectRates[0] : 0)} arrivals/s (ms)", false, system => system.ConnectRate?.First?.JoinLatency.P99));
        figures.Add(($"storm: % of a killed edge's members recovered within {Number(settings.StormTargetSeconds)} s", true, system => system.Storm?.PercentRecoveredWithinTarget));
        figures.Add(("storm: p99 kill → recovered (ms)", false, system => system.Storm is { Recovered: > 0 } storm ? storm.KillToRecovered.P99 : null));
        return figures;
    }

    private static FixedRateResult? At(SystemResult system, int index) => system.FixedRates.ElementAtOrDefault(index);

    private static void WriteMachine(StringBuilder text, CompareReport report)
    {
        var machine = report.Machine;
        Raw(text, "## Machine");
        Line(text);
        Raw(text, "| cores | CPU | RAM | OS | runtime | load average before (1/5/15 min) | after |");
        Raw(text, "|---|---|---|---|---|---|---|");
        Line(text, $"| {machine.Cores} | {machine.CpuModel} | {machine.MemoryGiB} GiB | {machine.OperatingSystem} | {machine.Runtime} | {Loads(machine.LoadAverage)} | {Loads(report.LoadAverageAfter)} |");
        Line(text);
        Line(text, $"The load generator (one .NET process, raw WebSocket clients, each system in its own protocol) runs on the same cores as the servers. Run took {report.DurationSeconds:0} s.");
        Line(text);
        Raw(text, "| system | what ran |");
        Raw(text, "|---|---|");
        foreach (var system in report.Systems)
        {
            Line(text, $"| {system.Name} | {system.Description}; measured: {string.Join(", ", system.Processes)} |");
        }

        Line(text);
    }

    private static void WriteSummary(StringBuilder text, CompareReport report)
    {
        var systems = report.Systems;
        var ours = systems.Where(system => system.Key.StartsWith("ours", StringComparison.Ordinal)).ToList();
        var peers = systems.Where(system => !system.Key.StartsWith("ours", StringComparison.Ordinal)).ToList();
        var ratios = ours.SelectMany(mine => peers.Select(peer => (Mine: mine, Peer: peer))).ToList();
        var settings = report.Settings;

        Raw(text, "## Side by side");
        Line(text);
        Line(text, $"Workload: {settings.Classrooms} classrooms × {settings.ClassroomSize} members, one teacher per classroom streaming ~{settings.PayloadBytes}-byte strokes; every member (the teacher too) receives each. A ratio is ours ÷ theirs: above 1 is better for ours where higher is better (↑), below 1 is better where lower is better (↓).");
        Line(text);
        Raw(text, FormattableString.Invariant($"| figure | {string.Concat(systems.Select(system => system.Name + " | "))}{string.Concat(ratios.Select(pair => $"{pair.Mine.Name} / {pair.Peer.Name} | "))}").TrimEnd());
        Line(text, $"|---|{string.Concat(systems.Select(_ => "---:|"))}{string.Concat(ratios.Select(_ => "---:|"))}");
        foreach (var (figure, higherIsBetter, value) in Figures(settings))
        {
            Raw(text, FormattableString.Invariant($"| {figure} {(higherIsBetter ? "↑" : "↓")} | {string.Concat(systems.Select(system => Number(value(system)) + " | "))}{string.Concat(ratios.Select(pair => Ratio(value(pair.Mine), value(pair.Peer)) + " | "))}").TrimEnd());
        }

        Line(text);
    }

    private static void WriteDetails(StringBuilder text, CompareReport report)
    {
        Raw(text, "## Knee: rate steps until p99 publish → delivery crosses the threshold");
        Line(text);
        Line(text, $"{report.Settings.RampStepSeconds} s per step from {report.Settings.RampStartRatePerClassroom} strokes/s per classroom, ×{report.Settings.RampFactor} a step, at most {report.Settings.RampSteps} steps.");
        Line(text);
        Raw(text, "| system | step | strokes/s per classroom | deliveries/s | ack p99 (ms) | delivery p50 / p99 / max (ms) | missing / dup / order / lost | server CPU (% of one core) | load generator CPU |");
        Raw(text, "|---|---|---:|---:|---:|---|---|---:|---:|");
        foreach (var system in report.Systems.Where(system => system.Knee is not null))
        {
            foreach (var (step, index) in system.Knee!.Steps.Select((step, index) => (step, index)))
            {
                var generator = step.Cpu.Where(process => process.Service == "load generator").Sum(process => process.PercentOfOneCore);
                var servers = step.Cpu.Where(process => process.Service != "load generator").Sum(process => process.PercentOfOneCore);
                Line(text, $"| {system.Name} | {index + 1} | {step.RatePerClassroom:0.#} | {step.DeliveriesPerSecond:0} | {step.PublishAck.P99} | {step.Delivery.P50} / {step.Delivery.P99} / {step.Delivery.Max} | {Integrity(step)} | {servers:0} % | {generator:0} % |");
            }

            Line(text, $"| {system.Name} | | | stopped {system.Knee.StoppedBecause} | | | | | |");
        }

        Line(text);
        Raw(text, "## CPU and Redis at fixed delivery rates");
        Line(text);
        if (report.Settings.WarmUpSeconds > 0 && report.Settings.FixedDeliveryRates.Count > 0)
        {
            Line(text, $"Each system first published at {report.Settings.FixedDeliveryRates[0]:0} deliveries/s for {report.Settings.WarmUpSeconds:0.#} s, not measured, so the figures are its steady state.");
            Line(text);
        }

        Raw(text, "| system | deliveries/s asked / made | delivery p50 / p99 (ms) | server CPU s (µs per delivery) | CPU by process (% of one core) | Redis commands (per publication) | top Redis commands |");
        Raw(text, "|---|---|---|---|---|---|---|");
        foreach (var system in report.Systems)
        {
            foreach (var rate in system.FixedRates)
            {
                var processes = string.Join(", ", rate.Fanout.Cpu.Select(process => $"{process.Service} {process.PercentOfOneCore:0}"));
                var commands = string.Join(", ", rate.TopRedisCommands.Select(command => $"{command.Key} {command.Value}"));
                Line(text, $"| {system.Name} | {rate.TargetDeliveriesPerSecond:0} / {rate.Fanout.DeliveriesPerSecond:0} | {rate.Fanout.Delivery.P50} / {rate.Fanout.Delivery.P99} | {rate.ServerCpuSeconds} ({Number(rate.ServerCpuMicrosecondsPerDelivery)}) | {processes} | {rate.RedisCommands} ({rate.RedisCommandsPerPublication}) | {commands} |");
            }
        }

        Line(text);
        Raw(text, "## Idle memory");
        Line(text);
        Raw(text, "| system | connections | RSS of all server processes + redis | per connection (growth since before the first) | by process |");
        Raw(text, "|---|---:|---:|---:|---|");
        foreach (var system in report.Systems.Where(system => system.IdleMemory is not null))
        {
            foreach (var point in system.IdleMemory!.Points)
            {
                var processes = string.Join(", ", point.RssByProcess.Select(process => $"{process.Key} {Mib(process.Value)}"));
                Line(text, $"| {system.Name} | {point.Connections} | {Mib(point.RssBytes)} | {point.RssBytesPerConnection / 1024:0.0} KiB | {processes} |");
            }
        }

        Line(text);
        Line(text, $"Idle CPU: with the largest size held, CPU of every server process and the redis-server over {report.Settings.IdleCpuSeconds} s.");
        Line(text);
        Raw(text, "| system | idle CPU (% of one core) | by process |");
        Raw(text, "|---|---:|---|");
        foreach (var system in report.Systems.Where(system => system.IdleMemory is not null))
        {
            var processes = string.Join(", ", system.IdleMemory!.IdleCpuByProcess.Select(process => $"{process.Service} {process.PercentOfOneCore:0.0}"));
            Line(text, $"| {system.Name} | {system.IdleMemory.IdleCpuPercentOfOneCore:0.0} | {processes} |");
        }

        Line(text);
        Raw(text, "## Connect rate (open loop)");
        Line(text);
        Line(text, $"Members arrive at each rate for {report.Settings.ConnectSeconds} s, rates rising until p99 connect + join passes {report.Settings.ConnectP99Ms} ms or a member cannot join; each rate's members leave before the next.");
        Line(text);
        Raw(text, "| system | arrivals/s | arrived / joined | joins/s achieved | connect + join p50 / p95 / p99 / max (ms) |");
        Raw(text, "|---|---:|---|---:|---|");
        foreach (var system in report.Systems.Where(system => system.ConnectRate is not null))
        {
            foreach (var connect in system.ConnectRate!.Steps)
            {
                Line(text, $"| {system.Name} | {connect.ArrivalsPerSecond} | {connect.Arrivals} / {connect.Joined} | {connect.AchievedJoinsPerSecond} | {Latencies(connect.JoinLatency)} |");
            }

            Line(text, $"| {system.Name} | | stopped: {system.ConnectRate.StoppedBecause} | | |");
        }

        Line(text);
        WriteStorm(text, report);
    }

    private static void WriteStorm(StringBuilder text, CompareReport report)
    {
        var storms = report.Systems.Where(system => system.Storm is not null).ToList();
        if (storms.Count == 0)
        {
            return;
        }

        Raw(text, "## Reconnect storm (kill -9 one of two edges)");
        Line(text);
        Line(text, $"Members alternate between two edges ({report.Settings.StormConnectionsPerEdge} each, teachers on the survivor), teachers publish {report.Settings.StormRatePerClassroom} strokes/s per classroom throughout; one second in the other edge gets SIGKILL. Each of its members waits a random 0–500 ms, joins the survivor recovering from its last offset, and retries with backoff. The peers have no recovery, so this runs on ours only.");
        Line(text);
        Raw(text, "| system | killed / resumed / recovered | within target | kill → recovered p50 / p95 / p99 / max (ms) | missing / dup / order / lost (all members) | registry entries of the dead edge at the lease bound | all gone after |");
        Raw(text, "|---|---|---:|---|---|---:|---|");
        foreach (var system in storms)
        {
            var storm = system.Storm!;
            var integrity = storm.Integrity;
            var cleared = storm.StaleClearedSeconds is { } seconds ? $"{seconds} s (bound {storm.LeaseBoundSeconds} s)" : $"not within {storm.LeaseBoundSeconds * 3} s";
            Line(text, $"| {system.Name} | {storm.Killed} / {storm.Resumed} / {storm.Recovered} | {storm.PercentRecoveredWithinTarget} % ≤ {storm.TargetSeconds} s | {Latencies(storm.KillToRecovered)} | {integrity.Missing} / {integrity.Duplicates} / {integrity.OutOfOrder} / {integrity.ConnectionsLost} | {storm.StaleEntriesAtBound} | {cleared} |");
        }

        Line(text);
    }

    private static string Integrity(Benchmarks.Scenarios.FanoutResult step) =>
        string.Create(CultureInfo.InvariantCulture, $"{step.Integrity.Missing} / {step.Integrity.Duplicates} / {step.Integrity.OutOfOrder} / {step.Integrity.ConnectionsLost}");

    private static string Latencies(LatencySummary latency) =>
        string.Create(CultureInfo.InvariantCulture, $"{latency.P50} / {latency.P95} / {latency.P99} / {latency.Max}");

    private static string Ratio(double? mine, double? theirs) =>
        mine is { } a && theirs is { } b && b != 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double? value) => value switch
    {
        null => "n/a",
        >= 100 => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB");

    private static string Loads(IReadOnlyList<double> loads) =>
        string.Join(" / ", loads.Select(load => load.ToString("0.00", CultureInfo.InvariantCulture)));

    private static void Raw(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static void Line(StringBuilder text, FormattableString? line = null) =>
        text.Append(line?.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
