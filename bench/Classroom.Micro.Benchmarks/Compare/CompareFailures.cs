using System.Globalization;
using static Classroom.Micro.Benchmarks.Reporting.ReportFailures;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>Every correctness failure of a side-by-side run, in words: these fail the run whatever the speed.</summary>
internal static class CompareFailures
{
    public static IReadOnlyList<string> Of(IEnumerable<SystemResult> systems)
    {
        var failures = new List<string>();
        foreach (var system in systems)
        {
            var name = system.Name;
            if (system.Error is { } error)
            {
                failures.Add($"{name}: {error}");
            }

            if (system.IdleMemory is { } memory)
            {
                Add(failures, memory.JoinFailures, $"{name} memory: {memory.JoinFailures} members could not join (first: {memory.FirstFailure})");
                Add(failures, memory.LostWhileIdle, $"{name} memory: {memory.LostWhileIdle} idle connections were closed by the server");
            }

            // Members refused at a higher rate end the ramp: that is the measurement. At the first rate they are a fault.
            if (system.ConnectRate?.First is { } connect)
            {
                Add(failures, connect.JoinFailures, $"{name} connect: {connect.JoinFailures} of {connect.Arrivals} arrivals at {connect.ArrivalsPerSecond:0}/s could not join (first: {connect.FirstFailure})");
            }

            if (system.FixedRateWarmUp is { } warmUp)
            {
                Describe(failures, $"{name} cpu warm-up", warmUp);
            }

            foreach (var fixedRate in system.FixedRates)
            {
                Describe(failures, string.Create(CultureInfo.InvariantCulture, $"{name} cpu at {fixedRate.TargetDeliveriesPerSecond:0}/s"), fixedRate.Fanout);
            }

            if (system.Storm is { } storm)
            {
                Add(failures, storm.Killed - storm.Resumed, $"{name} storm: {storm.Killed - storm.Resumed} of {storm.Killed} members of the killed edge could not join again (first: {storm.FirstFailure})");
                Add(failures, storm.Resumed - storm.Recovered, $"{name} storm: {storm.Resumed - storm.Recovered} resumed members were answered recovered: false");
                Add(failures, storm.StaleClearedSeconds is null ? 1 : 0, $"{name} storm: the registry still named the killed edge three lease bounds after the kill");
                Describe(failures, $"{name} storm", storm.Integrity);
            }

            foreach (var (step, index) in (system.Knee?.Steps ?? []).Select((step, index) => (step, index)))
            {
                Describe(failures, string.Create(CultureInfo.InvariantCulture, $"{name} knee step {index + 1}"), step);
            }
        }

        return failures;
    }
}
