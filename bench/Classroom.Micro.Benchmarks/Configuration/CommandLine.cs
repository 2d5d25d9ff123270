using static Classroom.Micro.Benchmarks.Configuration.OptionValues;

namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>Reads <see cref="BenchmarkSettings"/> from <c>--name value</c> pairs; anything unknown or malformed is an error.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Classroom.Micro load benchmark
          dotnet run -c Release --project bench/Classroom.Micro.Benchmarks -- [options]
          dotnet run -c Release --project bench/Classroom.Micro.Benchmarks -- --compare [options]   (side by side with SignalR and Socket.IO; --compare --help)

        Target
          --gateway URL                 a running cluster's gateway (default: start a cluster of its own)
          --edge-metrics URL,URL        the running cluster's edges, for their /metrics (memory)
        Run
          --scenarios LIST              connections,fanout,ramp (default: connections,fanout)
          --output DIR                  where NAME.md and NAME.json go (default: test-output/bench)
          --name NAME                   report file name (default: benchmark)
        connections
          --connections N               idle members to connect (2000)
          --classroom-size N            members per classroom, teacher included (30; fanout and ramp too)
          --connect-concurrency N       joins in flight (32)
          --settle-seconds S            hold before the memory is sampled again (5)
        fanout
          --classrooms N                classrooms publishing at once (10; ramp too)
          --rate R                      publications per second per classroom (4)
          --publications N              publications per classroom (120)
          --payload-bytes N             size of each publication (200; ramp too)
          --drain-timeout-seconds S     how long deliveries may trail the last publish (15; ramp too)
        ramp
          --ramp-start-rate R           first step's rate per classroom (4)
          --ramp-factor F               rate multiplier per step (1.5)
          --ramp-steps N                steps at most (8)
          --ramp-step-seconds S         publishing time per step (10)
          --ramp-p99-ms MS              p99 delivery latency that ends the ramp (50)
        """;

    /// <summary>Parses <paramref name="arguments"/>; null when help was asked for.</summary>
    public static BenchmarkSettings? Parse(IReadOnlyList<string> arguments) => OptionValues.Fold(arguments, new BenchmarkSettings(), Apply);

    private static BenchmarkSettings Apply(BenchmarkSettings settings, string name, string value) => name switch
    {
        "--gateway" => settings with { Gateway = Url(name, value) },
        "--edge-metrics" => settings with { EdgeMetrics = List(value).Select(url => Url(name, url)).ToList() },
        "--scenarios" => settings with { Scenarios = Scenarios(value) },
        "--output" => settings with { OutputDirectory = value },
        "--name" => settings with { ReportName = value },
        "--connections" => settings with { Connections = settings.Connections with { Connections = Count(name, value) } },
        "--classroom-size" => settings with
        {
            Connections = settings.Connections with { ClassroomSize = Count(name, value) },
            Fanout = settings.Fanout with { ClassroomSize = Count(name, value) },
        },
        "--connect-concurrency" => settings with { Connections = settings.Connections with { Concurrency = Count(name, value) } },
        "--settle-seconds" => settings with { Connections = settings.Connections with { SettleSeconds = Number(name, value, allowZero: true) } },
        "--classrooms" => settings with { Fanout = settings.Fanout with { Classrooms = Count(name, value) } },
        "--rate" => settings with { Fanout = settings.Fanout with { RatePerClassroom = Number(name, value) } },
        "--publications" => settings with { Fanout = settings.Fanout with { PublicationsPerClassroom = Count(name, value) } },
        "--payload-bytes" => settings with { Fanout = settings.Fanout with { PayloadBytes = Count(name, value) } },
        "--drain-timeout-seconds" => settings with { Fanout = settings.Fanout with { DrainTimeoutSeconds = Number(name, value) } },
        "--ramp-start-rate" => settings with { Ramp = settings.Ramp with { StartRatePerClassroom = Number(name, value) } },
        "--ramp-factor" => settings with { Ramp = settings.Ramp with { Factor = Number(name, value) } },
        "--ramp-steps" => settings with { Ramp = settings.Ramp with { MaxSteps = Count(name, value) } },
        "--ramp-step-seconds" => settings with { Ramp = settings.Ramp with { StepSeconds = Number(name, value) } },
        "--ramp-p99-ms" => settings with { Ramp = settings.Ramp with { P99ThresholdMs = Number(name, value) } },
        _ => throw new ArgumentException($"Unknown option {name}."),
    };

    private static List<string> Scenarios(string value)
    {
        var scenarios = List(value);
        var unknown = scenarios.Except(BenchmarkSettings.AllScenarios, StringComparer.Ordinal).ToList();
        return unknown.Count == 0 && scenarios.Count > 0
            ? scenarios
            : throw new ArgumentException($"--scenarios takes some of {string.Join(',', BenchmarkSettings.AllScenarios)}, not '{value}'.");
    }

    private static Uri Url(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"{name} takes an http(s) URL, not '{value}'.");
}
