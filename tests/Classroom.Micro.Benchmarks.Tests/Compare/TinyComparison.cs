using Classroom.Micro.Benchmarks.Compare;

namespace Classroom.Micro.Benchmarks.Tests.Compare;

/// <summary>
/// Every side-by-side scenario, small enough to finish in seconds per system: 2 classrooms × 10 members, a 2-step ramp
/// whose threshold no run reaches, 2 fixed rates of 1 s, 20 then 40 idle members, 20 arrivals, a storm of 10 members per edge.
/// </summary>
internal static class TinyComparison
{
    public const int Classrooms = 2;
    public const int ClassroomSize = 10;

    public static CompareSettings Settings { get; } = new()
    {
        Classrooms = Classrooms,
        ClassroomSize = ClassroomSize,
        JoinConcurrency = 8,
        DrainTimeoutSeconds = 15,
        RampStartRatePerClassroom = 10,
        RampFactor = 2,
        RampSteps = 2,
        RampStepSeconds = 1,
        // A threshold no run reaches: the ramp must walk every step, whatever the machine's speed.
        P99ThresholdMs = 1_000_000,
        FixedDeliveryRates = [200, 400],
        FixedRateSeconds = 1,
        WarmUpSeconds = 1,
        IdleConnections = [20, 40],
        SettleSeconds = 0,
        IdleCpuSeconds = 1,
        ConnectRates = [20, 40],
        // A bound no run misses: both rates must be tried, whatever the machine's speed.
        ConnectP99Ms = 1_000_000,
        ConnectSeconds = 1,
        StormConnectionsPerEdge = StormConnectionsPerEdge,
        StormRatePerClassroom = 2,
        StormSeconds = 2,
    };

    /// <summary>Members per edge in the tiny storm: two classrooms, half of each on the edge that is killed.</summary>
    public const int StormConnectionsPerEdge = 10;

    /// <summary>The same run of one system and one scenario as command-line arguments.</summary>
    public static string[] Arguments(string system, string scenarios, string output) =>
    [
        "--compare",
        "--systems", system,
        "--scenarios", scenarios,
        "--classrooms", "2",
        "--classroom-size", "10",
        "--join-concurrency", "8",
        "--ramp-steps", "2",
        "--ramp-step-seconds", "1",
        "--ramp-p99-ms", "1000000",
        "--fixed-rates", "200",
        "--fixed-seconds", "1",
        "--warmup-seconds", "1",
        "--idle-connections", "20",
        "--settle-seconds", "0",
        "--idle-cpu-seconds", "1",
        "--connect-rate", "20",
        "--connect-seconds", "1",
        "--output", output,
        "--name", "tiny",
    ];
}
