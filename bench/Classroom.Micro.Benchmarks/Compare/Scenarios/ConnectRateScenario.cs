using System.Diagnostics;
using System.Globalization;
using Classroom.Micro.Benchmarks.Compare.Systems;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// Open-loop arrivals: a member arrives every 1/rate seconds whether or not earlier ones have joined (as pupils do when
/// a lesson starts), connects and joins its classroom. Measures connect + join latency and the rate achieved, at each
/// of a rising list of arrival rates until one misses the join bound (its p99 over it, or a member that could not
/// join): the highest rate that kept it is the system's connect rate.
/// </summary>
internal static class ConnectRateScenario
{
    public static async Task<ConnectRampResult> RunAsync(ComparedSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        var steps = new List<ConnectRateResult>();
        double? sustained = null;
        var stoppedBecause = "every rate kept the bound";
        foreach (var (rate, index) in settings.ConnectRates.Select((rate, index) => (rate, index)))
        {
            var step = await RunStepAsync(system, settings, rate, $"{runId}a{index}", cancellationToken);
            steps.Add(step);
            if (MissedBound(step, settings.ConnectP99Ms) is { } reason)
            {
                stoppedBecause = reason;
                break;
            }

            sustained = rate;
        }

        return new ConnectRampResult(steps, sustained, stoppedBecause);
    }

    /// <summary>Why <paramref name="step"/> missed the join bound (a member that could not join, or p99 over it); null when it kept it.</summary>
    public static string? MissedBound(ConnectRateResult step, double p99BoundMs) =>
        step.JoinFailures > 0 ? string.Create(CultureInfo.InvariantCulture, $"{step.JoinFailures} members could not join at {step.ArrivalsPerSecond:0} arrivals/s")
        : step.JoinLatency.P99 > p99BoundMs ? string.Create(CultureInfo.InvariantCulture, $"p99 connect + join {step.JoinLatency.P99:0} ms at {step.ArrivalsPerSecond:0} arrivals/s")
        : null;

    /// <summary>One rate: its members arrive, join, and leave again once measured, so a step's sockets never crowd the next.</summary>
    private static async Task<ConnectRateResult> RunStepAsync(ComparedSystem system, CompareSettings settings, double rate, string runId, CancellationToken cancellationToken)
    {
        var arrivals = Math.Max(1, (int)Math.Round(rate * settings.ConnectSeconds));
        var roster = StrokeClassrooms.Roster(runId, arrivals, settings.ClassroomSize);
        await system.PrepareAsync(roster.Select(member => member.Classroom).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        await using var classrooms = new StrokeClassrooms();
        var joins = new List<Task>(arrivals);
        var interval = Stopwatch.Frequency / rate;
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
            rate, arrivals, joined, classrooms.Failures, classrooms.FirstFailure, Math.Round(joined / seconds, 1), classrooms.JoinLatency);
    }
}
