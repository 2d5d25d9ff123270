using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// The workload at fixed delivery rates, one after another on one set of classrooms: server CPU per delivery (every
/// server process plus redis-server, from <c>/proc/&lt;pid&gt;/stat</c>) and Redis commands per publication. An
/// unmeasured warm-up at the first rate comes first, the same for every system, so what is measured is the steady state
/// a deployment pays for hour after hour, not the just-in-time compilation of a process's first seconds under load.
/// </summary>
internal static class FixedRateScenario
{
    public static async Task<FixedRateRun> RunAsync(ComparedSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        await using var classrooms = new StrokeClassrooms();
        await classrooms.JoinAsync(system, StrokeClassrooms.Roster(runId + "f", settings.Classrooms * settings.ClassroomSize, settings.ClassroomSize), settings.JoinConcurrency, cancellationToken);
        FanoutResult? warmUp = null;
        if (settings.WarmUpSeconds > 0 && settings.FixedDeliveryRates.Count > 0)
        {
            warmUp = await PublishAsync(classrooms, system, settings, settings.FixedDeliveryRates[0], settings.WarmUpSeconds, cancellationToken);
        }

        var results = new List<FixedRateResult>();
        foreach (var deliveriesPerSecond in settings.FixedDeliveryRates)
        {
            var before = await RedisStats.CommandCallsAsync(system.Redis);
            var fanout = await PublishAsync(classrooms, system, settings, deliveriesPerSecond, settings.FixedRateSeconds, cancellationToken);
            var after = await RedisStats.CommandCallsAsync(system.Redis);

            var delta = after
                .Where(command => command.Key != "info")
                .Select(command => (command.Key, Calls: command.Value - before.GetValueOrDefault(command.Key)))
                .Where(command => command.Calls > 0)
                .OrderByDescending(command => command.Calls)
                .ToList();
            var commands = delta.Sum(command => command.Calls);
            var serverNames = system.Servers.Select(server => server.Name).ToHashSet(StringComparer.Ordinal);
            var serverCpu = fanout.Cpu.Where(process => serverNames.Contains(process.Service)).Sum(process => process.CpuSeconds);
            results.Add(new FixedRateResult(
                deliveriesPerSecond,
                fanout,
                Math.Round(serverCpu, 2),
                fanout.Integrity.Received == 0 ? null : Math.Round(serverCpu * 1_000_000 / fanout.Integrity.Received, 2),
                commands,
                Math.Round(commands / (double)Math.Max(1, fanout.Publications), 2),
                delta.Take(6).ToDictionary(command => command.Key, command => command.Calls, StringComparer.Ordinal)));
        }

        return new FixedRateRun(warmUp, results);
    }

    private static Task<FanoutResult> PublishAsync(
        StrokeClassrooms classrooms, ComparedSystem system, CompareSettings settings, double deliveriesPerSecond, double seconds, CancellationToken cancellationToken)
    {
        var ratePerClassroom = deliveriesPerSecond / (double)(settings.Classrooms * settings.ClassroomSize);
        var publications = Math.Max(1, (int)Math.Round(ratePerClassroom * seconds));
        return StrokeFanout.RunAsync(
            classrooms, system.Servers, ratePerClassroom, publications, settings.PayloadBytes, TimeSpan.FromSeconds(settings.DrainTimeoutSeconds), cancellationToken);
    }
}
