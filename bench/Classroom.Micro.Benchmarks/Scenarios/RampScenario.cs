using System.Globalization;
using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// The fanout scenario on the same classrooms at a rate that grows each step, until p99 publish-to-delivery latency
/// crosses the threshold, a message is lost, or the steps run out: where the cluster stops keeping up.
/// </summary>
internal static class RampScenario
{
    public static async Task<RampResult> RunAsync(BenchmarkTarget target, FanoutSettings fanout, RampSettings ramp, string runId, CancellationToken cancellationToken)
    {
        await using var classrooms = await ConnectedClassrooms.JoinAsync(
            target.Gateway, runId + "r", fanout.Classrooms * fanout.ClassroomSize, fanout.ClassroomSize, concurrency: 32, cancellationToken);
        var steps = new List<FanoutResult>();
        double? sustained = null;
        var rate = ramp.StartRatePerClassroom;
        for (var step = 0; step < ramp.MaxSteps; step++, rate *= ramp.Factor)
        {
            var publications = Math.Max(1, (int)Math.Round(rate * ramp.StepSeconds));
            var result = await FanoutScenario.RunAsync(
                classrooms, target.Services, rate, publications, fanout.PayloadBytes, TimeSpan.FromSeconds(fanout.DrainTimeoutSeconds), cancellationToken);
            steps.Add(result);
            if (!result.Passed)
            {
                return new RampResult(ramp, steps, sustained, Describe(rate, "lost, duplicated or reordered messages"));
            }

            if (result.Delivery.P99 > ramp.P99ThresholdMs)
            {
                return new RampResult(ramp, steps, sustained, Describe(rate, $"p99 delivery {result.Delivery.P99} ms > {ramp.P99ThresholdMs} ms"));
            }

            sustained = result.DeliveriesPerSecond;
        }

        return new RampResult(ramp, steps, sustained, "all steps stayed under the threshold");
    }

    private static string Describe(double rate, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"at {rate:0.##} publications/s per classroom: {why}");
}
