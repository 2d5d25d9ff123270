using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Reporting;

/// <summary>One benchmark run: where and how it ran, what each scenario measured, and every failure.</summary>
/// <param name="StartedAt">When the run started.</param>
/// <param name="DurationSeconds">How long it took, cluster start included.</param>
/// <param name="Machine">What it ran on, and the load averages before it started.</param>
/// <param name="LoadAverageAfter">The load averages when the run ended (the benchmark's own load included).</param>
/// <param name="Target">The cluster under load.</param>
/// <param name="Settings">The command line's settings.</param>
/// <param name="Connections">The connections scenario's figures, when it ran.</param>
/// <param name="Fanout">The fanout scenario's figures, when it ran.</param>
/// <param name="Ramp">The ramp's figures, when it ran.</param>
/// <param name="Failures">Lost, duplicated or reordered messages, failed joins or publishes, lost connections: empty when the run passed.</param>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    IReadOnlyList<double> LoadAverageAfter,
    string Target,
    BenchmarkSettings Settings,
    ConnectionsResult? Connections,
    FanoutResult? Fanout,
    RampResult? Ramp,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
