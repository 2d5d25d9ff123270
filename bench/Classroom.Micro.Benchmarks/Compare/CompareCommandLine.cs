using Classroom.Micro.Benchmarks.Configuration;
using static Classroom.Micro.Benchmarks.Configuration.OptionValues;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>Reads <see cref="CompareSettings"/> from the <c>--name value</c> pairs after <c>--compare</c>.</summary>
internal static class CompareCommandLine
{
    public const string Usage = """
        Classroom.Micro side-by-side benchmark: ours against ASP.NET Core SignalR and Socket.IO, same machine, same load generator
          dotnet run -c Release --project bench/Classroom.Micro.Benchmarks -- --compare [options]

          --systems LIST                ours-edges,ours-gateway,signalr,socketio (default: all)
          --scenarios LIST              memory,connect,cpu,knee,storm (default: all, in this order, against each system; storm always last)
          --output DIR                  where NAME.md, NAME.json and NAME.svg go (default: test-output/bench)
          --name NAME                   report file name (default: side-by-side)
        workload (cpu and knee)
          --classrooms N                classrooms, one teacher each streaming strokes (20)
          --classroom-size N            members per classroom, teacher included (30; memory and connect too)
          --payload-bytes N             size of each stroke (100)
          --join-concurrency N          joins in flight when members join (32)
          --drain-timeout-seconds S     how long deliveries may trail the last publish (15)
        knee
          --ramp-start-rate R           first step's strokes/s per classroom (2)
          --ramp-factor F               rate multiplier per step (1.5)
          --ramp-steps N                steps at most (9)
          --ramp-step-seconds S         publishing time per step (5)
          --ramp-p99-ms MS              p99 publish → delivery that ends the ramp (50)
        cpu
          --fixed-rates LIST            deliveries/s held (12000,30000)
          --fixed-seconds S             publishing time per rate (6)
          --warmup-seconds S            unmeasured publishing at the first rate before any rate is measured (15; 0 = none)
        memory
          --idle-connections LIST       idle connections held when RSS is read (1000,5000)
          --settle-seconds S            hold before reading RSS (2)
          --idle-cpu-seconds S          then, with the largest size held, how long the servers' idle CPU is read (10)
        connect
          --connect-rates LIST          arrival rates tried in rising order, open loop (100,200,400,800,1600)
          --connect-rate R              a single rate (the same as --connect-rates R)
          --connect-seconds S           arrivals at each rate for this long (5)
          --connect-p99-ms MS           the join bound that ends the ramp; every member must also join (250)
        storm (ours with clients on the edges: kill -9 one of two edges, its members recover on the other)
          --storm-connections N         members held on each edge (5000)
          --storm-rate R                strokes/s per classroom throughout (0.5)
          --storm-seconds S             publishing time after the kill (8)
          --storm-target-seconds S      recovery bound counted against (3)
        """;

    /// <summary>Parses <paramref name="arguments"/> (without <c>--compare</c>); null when help was asked for.</summary>
    public static CompareSettings? Parse(IReadOnlyList<string> arguments) => OptionValues.Fold(arguments, new CompareSettings(), Apply);

    private static CompareSettings Apply(CompareSettings settings, string name, string value) => name switch
    {
        "--systems" => settings with { Systems = Subset(name, value, CompareSettings.AllSystems) },
        "--scenarios" => settings with { Scenarios = Subset(name, value, CompareSettings.AllScenarios) },
        "--output" => settings with { OutputDirectory = value },
        "--name" => settings with { ReportName = value },
        "--classrooms" => settings with { Classrooms = Count(name, value) },
        "--classroom-size" => settings with { ClassroomSize = Count(name, value) },
        "--payload-bytes" => settings with { PayloadBytes = Count(name, value) },
        "--join-concurrency" => settings with { JoinConcurrency = Count(name, value) },
        "--drain-timeout-seconds" => settings with { DrainTimeoutSeconds = Number(name, value) },
        "--ramp-start-rate" => settings with { RampStartRatePerClassroom = Number(name, value) },
        "--ramp-factor" => settings with { RampFactor = Number(name, value) },
        "--ramp-steps" => settings with { RampSteps = Count(name, value) },
        "--ramp-step-seconds" => settings with { RampStepSeconds = Number(name, value) },
        "--ramp-p99-ms" => settings with { P99ThresholdMs = Number(name, value) },
        "--fixed-rates" => settings with { FixedDeliveryRates = List(value).Select(rate => Number(name, rate)).ToList() },
        "--fixed-seconds" => settings with { FixedRateSeconds = Number(name, value) },
        "--warmup-seconds" => settings with { WarmUpSeconds = Number(name, value, allowZero: true) },
        "--idle-connections" => settings with { IdleConnections = List(value).Select(count => Count(name, count)).Order().ToList() },
        "--settle-seconds" => settings with { SettleSeconds = Number(name, value, allowZero: true) },
        "--idle-cpu-seconds" => settings with { IdleCpuSeconds = Number(name, value) },
        "--connect-rates" => settings with { ConnectRates = List(value).Select(rate => Number(name, rate)).Order().ToList() },
        "--connect-rate" => settings with { ConnectRates = [Number(name, value)] },
        "--connect-p99-ms" => settings with { ConnectP99Ms = Number(name, value) },
        "--connect-seconds" => settings with { ConnectSeconds = Number(name, value) },
        "--storm-connections" => settings with { StormConnectionsPerEdge = Count(name, value) },
        "--storm-rate" => settings with { StormRatePerClassroom = Number(name, value) },
        "--storm-seconds" => settings with { StormSeconds = Number(name, value) },
        "--storm-target-seconds" => settings with { StormTargetSeconds = Number(name, value) },
        _ => throw new ArgumentException($"Unknown option {name}."),
    };

    private static List<string> Subset(string name, string value, IReadOnlyList<string> known)
    {
        var chosen = List(value);
        return chosen.Count > 0 && chosen.All(item => known.Contains(item, StringComparer.Ordinal))
            ? chosen
            : throw new ArgumentException($"{name} takes some of {string.Join(',', known)}, not '{value}'.");
    }
}
