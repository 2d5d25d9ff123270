using Classroom.Micro.Testing;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>What a side-by-side run is told on its command line (see <see cref="CompareCommandLine"/>); defaults take about ten minutes on two cores.</summary>
internal sealed record CompareSettings
{
    public const string OursEdges = "ours-edges";
    public const string OursGateway = "ours-gateway";
    public const string SignalR = "signalr";
    public const string SocketIo = "socketio";

    public const string IdleMemoryScenario = "memory";
    public const string ConnectRateScenario = "connect";
    public const string FixedRateScenario = "cpu";
    public const string KneeScenario = "knee";
    public const string StormScenario = "storm";

    public static IReadOnlyList<string> AllSystems { get; } = [OursEdges, OursGateway, SignalR, SocketIo];

    public static IReadOnlyList<string> AllScenarios { get; } = [IdleMemoryScenario, ConnectRateScenario, FixedRateScenario, KneeScenario, StormScenario];

    /// <summary>The systems, in this order (<c>--systems</c>).</summary>
    public IReadOnlyList<string> Systems { get; init; } = AllSystems;

    /// <summary>The scenarios run against each system, in this order (<c>--scenarios</c>).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    public int Classrooms { get; init; } = 20;

    public int ClassroomSize { get; init; } = 30;

    public int PayloadBytes { get; init; } = 100;

    public int JoinConcurrency { get; init; } = 32;

    public double DrainTimeoutSeconds { get; init; } = 15;

    public double RampStartRatePerClassroom { get; init; } = 2;

    public double RampFactor { get; init; } = 1.5;

    public int RampSteps { get; init; } = 9;

    public double RampStepSeconds { get; init; } = 5;

    public double P99ThresholdMs { get; init; } = 50;

    /// <summary>Deliveries per second held for the CPU and Redis figures (<c>--fixed-rates</c>).</summary>
    public IReadOnlyList<double> FixedDeliveryRates { get; init; } = [12_000, 30_000];

    public double FixedRateSeconds { get; init; } = 6;

    /// <summary>
    /// Publishing at the first fixed rate before any rate is measured (<c>--warmup-seconds</c>), so the figures are a
    /// steady state's: every process has compiled its hot path to its final tier and grown its pools. Not measured; a
    /// loss during it still fails the run.
    /// </summary>
    public double WarmUpSeconds { get; init; } = 15;

    /// <summary>Idle connections held when memory is read, in increasing order (<c>--idle-connections</c>).</summary>
    public IReadOnlyList<int> IdleConnections { get; init; } = [1_000, 5_000];

    public double SettleSeconds { get; init; } = 2;

    /// <summary>How long the servers' CPU is read with the largest size held idle (<c>--idle-cpu-seconds</c>).</summary>
    public double IdleCpuSeconds { get; init; } = 10;

    /// <summary>Arrival rates tried in the connect scenario, in rising order, until one misses the join bound (<c>--connect-rates</c>).</summary>
    public IReadOnlyList<double> ConnectRates { get; init; } = [100, 200, 400, 800, 1_600];

    /// <summary>How long members arrive at each rate.</summary>
    public double ConnectSeconds { get; init; } = 5;

    /// <summary>The join bound: p99 connect + join within this many milliseconds, every member joined.</summary>
    public double ConnectP99Ms { get; init; } = 250;

    /// <summary>Members held on each of the two edges before one is killed (reconnect storm; ours with clients on the edges only).</summary>
    public int StormConnectionsPerEdge { get; init; } = 5_000;

    /// <summary>Strokes per second each teacher publishes through the storm.</summary>
    public double StormRatePerClassroom { get; init; } = 0.5;

    /// <summary>How long teachers keep publishing after the kill.</summary>
    public double StormSeconds { get; init; } = 8;

    /// <summary>The bound recovered members are counted against (99 % within it is the target).</summary>
    public double StormTargetSeconds { get; init; } = 3;

    public string OutputDirectory { get; init; } = Path.Combine(RepositoryPaths.Root, "test-output", "bench");

    public string ReportName { get; init; } = "side-by-side";

    public bool Runs(string scenario) => Scenarios.Contains(scenario, StringComparer.Ordinal);
}
