using Classroom.Micro.Testing;

namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>Everything a benchmark run is told on its command line (see <see cref="CommandLine"/>).</summary>
internal sealed record BenchmarkSettings
{
    public const string ConnectionsScenario = "connections";
    public const string FanoutScenario = "fanout";
    public const string RampScenario = "ramp";

    public static IReadOnlyList<string> AllScenarios { get; } = [ConnectionsScenario, FanoutScenario, RampScenario];

    /// <summary>A running cluster's gateway (<c>--gateway</c>); null starts a cluster of the benchmark's own.</summary>
    public Uri? Gateway { get; init; }

    /// <summary>The running cluster's edges, whose <c>/metrics</c> give their memory (<c>--edge-metrics</c>).</summary>
    public IReadOnlyList<Uri> EdgeMetrics { get; init; } = [];

    /// <summary>The scenarios to run, in this order (<c>--scenarios</c>).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [ConnectionsScenario, FanoutScenario];

    /// <summary>Where the Markdown and JSON reports are written (<c>--output</c>); by default the repository's ignored <c>test-output/bench</c>.</summary>
    public string OutputDirectory { get; init; } = Path.Combine(RepositoryPaths.Root, "test-output", "bench");

    /// <summary>The report files' name, without extension (<c>--name</c>).</summary>
    public string ReportName { get; init; } = "benchmark";

    public ConnectionsSettings Connections { get; init; } = new();

    public FanoutSettings Fanout { get; init; } = new();

    public RampSettings Ramp { get; init; } = new();

    public bool Runs(string scenario) => Scenarios.Contains(scenario, StringComparer.Ordinal);
}
