using System.Diagnostics;
using Classroom.Micro.Benchmarks.Compare.Systems;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// Open-loop arrivals: a member arrives every 1/rate seconds whether or not earlier ones have joined (as pupils do when
/// a lesson starts), connects and joins its classroom. Measures connect + join latency and the rate achieved.
/// </summary>
internal static class ConnectRateScenario
{
    public static async Task<ConnectRateResult> RunAsync(ComparedSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        var arrivals = Math.Max(1, (int)Math.Round(settings.ConnectRate * settings.ConnectSeconds));
        var roster = StrokeClassrooms.Roster(runId + "a", arrivals, settings.ClassroomSize);
        await system.PrepareAsync(roster.Select(member => member.Classroom).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        await using var classrooms = new StrokeClassrooms();
        var joins = new List<Task>(arrivals);
        var interval = Stopwatch.Frequency / settings.ConnectRate;
        var started = Stopwatch.GetTimestamp();
        var lastJoined = started;
        for (var k = 0; k < arrivals; k++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), started + (long)(k * interval));
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var (classroom, index) = roster[k];
            joins.Add(Task.Run(async () =>
            {
                if (await classrooms.JoinOneAsync(system, classroom, index, cancellationToken))
                {
                    var now = Stopwatch.GetTimestamp();
                    long seen;
                    while ((seen = Interlocked.Read(ref lastJoined)) < now && Interlocked.CompareExchange(ref lastJoined, now, seen) != seen)
                    {
                    }
                }
            }, cancellationToken));
        }

        await Task.WhenAll(joins);
        var joined = classrooms.Members.Count;
        var seconds = Math.Max(Stopwatch.GetElapsedTime(started, lastJoined).TotalSeconds, 0.001);
        return new ConnectRateResult(
            settings.ConnectRate, arrivals, joined, classrooms.Failures, classrooms.FirstFailure, Math.Round(joined / seconds, 1), classrooms.JoinLatency);
    }
}
