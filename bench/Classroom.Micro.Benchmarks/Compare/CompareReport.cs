using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>One side-by-side run: the machine, every system's figures, and every correctness failure.</summary>
/// <param name="StartedAt">When the run started.</param>
/// <param name="DurationSeconds">How long it took, starting and stopping every system included.</param>
/// <param name="Machine">What it ran on, and the load averages before it started.</param>
/// <param name="LoadAverageAfter">The load averages when it ended.</param>
/// <param name="Settings">The command line's settings.</param>
/// <param name="Systems">Each system's figures, in the order they ran.</param>
/// <param name="Failures">Lost, duplicated or reordered messages, failed joins or publishes, lost connections, systems that could not run: empty when the run passed.</param>
internal sealed record CompareReport(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    IReadOnlyList<double> LoadAverageAfter,
    CompareSettings Settings,
    IReadOnlyList<SystemResult> Systems,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
