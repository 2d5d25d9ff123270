using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// Idle members connect and subscribe in classrooms; measures how fast they join and how much memory each costs the
/// edges (and the gateway), from the services' memory before and after.
/// </summary>
internal static class ConnectionsScenario
{
    public static async Task<ConnectionsResult> RunAsync(BenchmarkTarget target, ConnectionsSettings settings, string runId, CancellationToken cancellationToken)
    {
        // One classroom joins first and stays: code paths run once (JIT, pools, first channel hub) are not charged to the measured connections.
        await using var warmUp = await ConnectedClassrooms.JoinAsync(
            target.Gateway, runId + "w", settings.ClassroomSize, settings.ClassroomSize, settings.Concurrency, cancellationToken);
        var before = await SampleAsync(target.Services, cancellationToken);
        await using var classrooms = await ConnectedClassrooms.JoinAsync(
            target.Gateway, runId + "c", settings.Connections, settings.ClassroomSize, settings.Concurrency, cancellationToken);

        // Held idle a while, so what each connection costs is measured after the joins' transient garbage.
        await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken);
        var after = await SampleAsync(target.Services, cancellationToken);

        var memory = target.Services.Select((service, index) => new ServiceMemory(service.Name, service.IsEdge, before[index], after[index])).ToList();
        var connected = classrooms.Members.Count;
        var elapsed = classrooms.Elapsed.TotalSeconds;
        return new ConnectionsResult(
            settings,
            (settings.Connections + settings.ClassroomSize - 1) / settings.ClassroomSize,
            connected,
            classrooms.Failures + warmUp.Failures,
            classrooms.FirstFailure ?? warmUp.FirstFailure,
            classrooms.LostConnections + warmUp.LostConnections,
            Math.Round(elapsed, 2),
            Math.Round(connected / elapsed, 1),
            classrooms.JoinLatency,
            memory,
            PerConnection(memory.Where(service => service.IsEdge).Select(service => service.RssGrowth), connected),
            PerConnection(memory.Where(service => service.IsEdge).Select(service => service.ManagedHeapGrowth), connected),
            PerConnection(memory.Where(service => service.IsEdge).Select(service => service.Allocated), connected),
            PerConnection(memory.Where(service => service.Service == "gateway").Select(service => service.RssGrowth), connected));
    }

    private static async Task<List<MemorySample>> SampleAsync(IReadOnlyList<MonitoredService> services, CancellationToken cancellationToken)
    {
        var samples = new List<MemorySample>();
        foreach (var service in services)
        {
            samples.Add(await MemoryProbe.SampleAsync(service, cancellationToken));
        }

        return samples;
    }

    private static double? PerConnection(IEnumerable<long?> growth, int connections)
    {
        var values = growth.ToList();
        return values.Count == 0 || values.Any(value => value is null) || connections == 0
            ? null
            : Math.Round(values.Sum(value => value!.Value) / (double)connections, 0);
    }
}
