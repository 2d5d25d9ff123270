using Classroom.Micro.Benchmarks.Configuration;

namespace Classroom.Micro.Benchmarks.Tests;

/// <summary>Every scenario, small enough to finish in seconds: 20 idle members, 2 classrooms × 10 members, 50 publications, a 2-step ramp.</summary>
internal static class TinySettings
{
    public const int Connections = 20;
    public const int Classrooms = 2;
    public const int ClassroomSize = 10;
    public const int PublicationsPerClassroom = 25;
    public const int RampSteps = 2;

    public static BenchmarkSettings All { get; } = new()
    {
        Scenarios = BenchmarkSettings.AllScenarios,
        Connections = new ConnectionsSettings(Connections, ClassroomSize, Concurrency: 8, SettleSeconds: 0),
        Fanout = new FanoutSettings(Classrooms, ClassroomSize, RatePerClassroom: 25, PublicationsPerClassroom, PayloadBytes: 200, DrainTimeoutSeconds: 15),
        // A threshold no run reaches: the ramp must walk every step, whatever the machine's speed.
        Ramp = new RampSettings(StartRatePerClassroom: 10, Factor: 2, RampSteps, StepSeconds: 1, P99ThresholdMs: 1_000_000),
    };

    /// <summary>The same run as command-line arguments.</summary>
    public static string[] Arguments(Uri gateway, IEnumerable<Uri> edges, string output) =>
    [
        "--gateway", gateway.ToString(),
        "--edge-metrics", string.Join(',', edges),
        "--scenarios", "connections,fanout",
        "--connections", "20",
        "--classroom-size", "10",
        "--connect-concurrency", "8",
        "--settle-seconds", "0",
        "--classrooms", "2",
        "--rate", "25",
        "--publications", "25",
        "--output", output,
        "--name", "smoke",
    ];
}
