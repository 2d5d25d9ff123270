using System.Diagnostics;
using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Reporting;
using Classroom.Micro.Benchmarks.Scenarios;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks;

/// <summary>Runs the chosen scenarios, one after another, against one target and reports what they measured.</summary>
internal static class BenchmarkRun
{
    /// <summary>Starts a cluster of its own unless <see cref="BenchmarkSettings.Gateway"/> names a running one, runs, and stops it.</summary>
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TimeProvider time, TextWriter progress, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Read();
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        progress.WriteLine(settings.Gateway is null ? "Starting a cluster…" : $"Target: {settings.Gateway}");
        await using var target = settings.Gateway is { } gateway
            ? BenchmarkTarget.Existing(gateway, settings.EdgeMetrics)
            : await BenchmarkTarget.StartClusterAsync(cancellationToken);
        return await RunAsync(target, settings, machine, startedAt, clock, progress, cancellationToken);
    }

    /// <summary>Runs the scenarios against <paramref name="target"/>, which the caller owns.</summary>
    public static async Task<BenchmarkReport> RunAsync(BenchmarkTarget target, BenchmarkSettings settings, TimeProvider time, TextWriter progress, CancellationToken cancellationToken) =>
        await RunAsync(target, settings, MachineInfo.Read(), time.GetUtcNow(), Stopwatch.StartNew(), progress, cancellationToken);

    private static async Task<BenchmarkReport> RunAsync(
        BenchmarkTarget target, BenchmarkSettings settings, MachineInfo machine, DateTimeOffset startedAt, Stopwatch clock, TextWriter progress, CancellationToken cancellationToken)
    {
        var runId = RunId.New();
        ConnectionsResult? connections = null;
        FanoutResult? fanout = null;
        RampResult? ramp = null;
        foreach (var scenario in settings.Scenarios)
        {
            progress.WriteLine($"Running {scenario}…");
            switch (scenario)
            {
                case BenchmarkSettings.ConnectionsScenario:
                    connections = await ConnectionsScenario.RunAsync(target, settings.Connections, runId, cancellationToken);
                    break;
                case BenchmarkSettings.FanoutScenario:
                    fanout = await RunFanoutAsync(target, settings.Fanout, runId, cancellationToken);
                    break;
                case BenchmarkSettings.RampScenario:
                    ramp = await RampScenario.RunAsync(target, settings.Fanout, settings.Ramp, runId, cancellationToken);
                    break;
            }
        }

        var failures = ReportFailures.Of(connections, fanout, ramp);
        return new BenchmarkReport(
            startedAt,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            machine,
            MachineInfo.ReadLoadAverage(),
            target.Description,
            settings,
            connections,
            fanout,
            ramp,
            failures);
    }

    private static async Task<FanoutResult> RunFanoutAsync(BenchmarkTarget target, FanoutSettings settings, string runId, CancellationToken cancellationToken)
    {
        await using var classrooms = await ConnectedClassrooms.JoinAsync(
            target.Gateway, runId + "f", settings.Classrooms * settings.ClassroomSize, settings.ClassroomSize, concurrency: 32, cancellationToken);
        return await FanoutScenario.RunAsync(
            classrooms, target.Services, settings.RatePerClassroom, settings.PublicationsPerClassroom, settings.PayloadBytes,
            TimeSpan.FromSeconds(settings.DrainTimeoutSeconds), cancellationToken);
    }
}
