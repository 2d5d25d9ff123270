using System.Globalization;
using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// Rate steps on one set of classrooms, multiplied each step, until p99 publish → delivery crosses the threshold or a
/// message is lost, duplicated or reordered. A step over the threshold ends the ramp but is not a failure; a lost
/// message is (it is reported by <see cref="CompareFailures"/>).
/// </summary>
internal static class KneeScenario
{
    public static async Task<KneeResult> RunAsync(ComparedSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        await using var classrooms = new StrokeClassrooms();
        await classrooms.JoinAsync(system, StrokeClassrooms.Roster(runId + "k", settings.Classrooms * settings.ClassroomSize, settings.ClassroomSize), settings.JoinConcurrency, cancellationToken);
        var steps = new List<FanoutResult>();
        double? sustained = null;
        double? sustainedP99 = null;
        var rate = settings.RampStartRatePerClassroom;
        for (var step = 0; step < settings.RampSteps; step++, rate *= settings.RampFactor)
        {
            var publications = Math.Max(1, (int)Math.Round(rate * settings.RampStepSeconds));
            var result = await StrokeFanout.RunAsync(classrooms, system.Servers, rate, publications, settings.PayloadBytes, TimeSpan.FromSeconds(settings.DrainTimeoutSeconds), cancellationToken);
            steps.Add(result);
            if (!result.Passed)
            {
                return new KneeResult(steps, sustained, sustainedP99, Describe(rate, "lost, duplicated or reordered messages"));
            }

            if (result.Delivery.P99 > settings.P99ThresholdMs)
            {
                return new KneeResult(steps, sustained, sustainedP99, Describe(rate, string.Create(CultureInfo.InvariantCulture, $"p99 {result.Delivery.P99} ms > {settings.P99ThresholdMs} ms")));
            }

            sustained = result.DeliveriesPerSecond;
            sustainedP99 = result.Delivery.P99;
        }

        return new KneeResult(steps, sustained, sustainedP99, "every step stayed under the threshold");
    }

    private static string Describe(double rate, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"at {rate:0.#} strokes/s per classroom: {why}");
}
