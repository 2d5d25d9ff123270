namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>The throughput ramp: the fanout scenario at rising rates until p99 delivery latency crosses a threshold.</summary>
/// <param name="StartRatePerClassroom">The first step's publications per second per classroom (<c>--ramp-start-rate</c>).</param>
/// <param name="Factor">Each step's rate is the previous one's times this (<c>--ramp-factor</c>).</param>
/// <param name="MaxSteps">Steps at most (<c>--ramp-steps</c>).</param>
/// <param name="StepSeconds">How long each step publishes (<c>--ramp-step-seconds</c>).</param>
/// <param name="P99ThresholdMs">The p99 publish-to-delivery latency that ends the ramp (<c>--ramp-p99-ms</c>).</param>
internal sealed record RampSettings(
    double StartRatePerClassroom = 4,
    double Factor = 1.5,
    int MaxSteps = 8,
    double StepSeconds = 10,
    double P99ThresholdMs = 50);
