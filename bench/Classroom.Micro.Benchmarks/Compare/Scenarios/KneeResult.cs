using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>The step ramp to the p99 knee: every step, and the highest load that stayed under the threshold intact.</summary>
/// <param name="Steps">Each step's fanout, in order.</param>
/// <param name="SustainedDeliveriesPerSecond">Deliveries per second of the last step with p99 under the threshold and nothing lost (null: not even the first).</param>
/// <param name="SustainedP99">That step's p99 publish → delivery, ms.</param>
/// <param name="StoppedBecause">Why the ramp ended.</param>
internal sealed record KneeResult(IReadOnlyList<FanoutResult> Steps, double? SustainedDeliveriesPerSecond, double? SustainedP99, string StoppedBecause);
