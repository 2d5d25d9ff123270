using Classroom.Micro.Benchmarks.Configuration;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>Every step of the ramp, and the highest load whose p99 delivery latency stayed under the threshold.</summary>
/// <param name="Settings">What the ramp was asked to do.</param>
/// <param name="Steps">Each step's fanout result, in order.</param>
/// <param name="SustainedDeliveriesPerSecond">Deliveries per second of the last step under the threshold with nothing lost (null: not even the first).</param>
/// <param name="StoppedBecause">Why the ramp ended.</param>
internal sealed record RampResult(RampSettings Settings, IReadOnlyList<FanoutResult> Steps, double? SustainedDeliveriesPerSecond, string StoppedBecause)
{
    public bool Passed => Steps.All(step => step.Passed);
}
