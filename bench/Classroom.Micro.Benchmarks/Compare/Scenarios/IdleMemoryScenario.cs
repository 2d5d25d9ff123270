using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// Idle members join classrooms until each size asked for is held (1k, then 5k by default), are held idle a while, and
/// the RSS of every server process (and redis-server) is read from <c>/proc/&lt;pid&gt;/status</c>: growth per connection.
/// Then, with the largest size still held, the CPU the servers spend on idle connections over a window.
/// </summary>
internal static class IdleMemoryScenario
{
    public static async Task<IdleMemoryResult> RunAsync(ComparedSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        // A classroom joins first and stays, so code paths run once (JIT, pools) are not charged to the connections.
        await using var warmUp = new StrokeClassrooms();
        await warmUp.JoinAsync(system, StrokeClassrooms.Roster(runId + "w", settings.ClassroomSize, settings.ClassroomSize), settings.JoinConcurrency, cancellationToken);
        var baseline = Sample(system);

        await using var idle = new StrokeClassrooms();
        var roster = StrokeClassrooms.Roster(runId + "m", settings.IdleConnections.Max(), settings.ClassroomSize);
        var points = new List<IdleMemoryPoint>();
        var joined = 0;
        foreach (var size in settings.IdleConnections.Order())
        {
            await idle.JoinAsync(system, roster.Skip(joined).Take(size - joined).ToList(), settings.JoinConcurrency, cancellationToken);
            joined = size;
            await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken);
            var sample = Sample(system);
            var total = sample.Values.Sum();
            points.Add(new IdleMemoryPoint(idle.Members.Count, total, Math.Round((total - baseline.Values.Sum()) / (double)Math.Max(1, idle.Members.Count), 0), sample));
        }

        // What the held connections cost while nothing happens (pings, timers, heartbeats, leases), read over a window.
        var cpu = CpuMeter.Start(system.Servers);
        await Task.Delay(TimeSpan.FromSeconds(settings.IdleCpuSeconds), cancellationToken);
        var idleCpu = cpu.Stop().Where(process => !process.IsLoadGenerator).ToList();

        return new IdleMemoryResult(
            points, idle.Failures + warmUp.Failures, idle.FirstFailure ?? warmUp.FirstFailure, idle.LostConnections + warmUp.LostConnections,
            Math.Round(idleCpu.Sum(process => process.PercentOfOneCore), 1), idleCpu);
    }

    private static Dictionary<string, long> Sample(ComparedSystem system) =>
        system.Servers.ToDictionary(server => server.Name, server => MemoryProbe.ResidentBytes(server.Pid) ?? 0, StringComparer.Ordinal);
}
