using System.Globalization;
using System.Net;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// A cluster of its own that exports spans and logs (every category at Debug) to an in-test <see cref="OtlpReceiver"/>,
/// and one run of <c>tests/e2e/telemetry.mjs</c> against it; the tests of <see cref="TelemetryTests"/> assert on what
/// was collected: the spans, the log records, each service's <c>/metrics</c> and its console output.
/// </summary>
public sealed class TelemetryRun : IAsyncLifetime
{
    /// <summary>
    /// Client publishes while both edges have a subscriber; one more follows while the student (edge 1's only
    /// subscriber) is away, which edge 1 may or may not still deliver.
    /// </summary>
    public const int Publications = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private OtlpReceiver? _receiver;

    internal Cluster Cluster { get; private set; } = null!;

    internal ReceivedTelemetry Received => _receiver!.Received;

    internal TelemetryResult Result { get; private set; } = null!;

    /// <summary>A string found in every published body and nowhere else.</summary>
    internal string Marker { get; } = "mk" + Guid.NewGuid().ToString("N");

    internal string ScenarioOutput { get; private set; } = string.Empty;

    /// <summary>Why the expected traces or the last log records did not arrive, if they did not.</summary>
    internal string? ArrivalError { get; private set; }

    /// <summary>The Prometheus text each service serves on its HTTP/1.1 endpoint, by service name.</summary>
    internal IReadOnlyDictionary<string, string> Scrapes { get; private set; } = new Dictionary<string, string>();

    /// <summary>What an edge's gRPC (HTTP/2) endpoint answers for <c>/metrics</c>.</summary>
    internal HttpStatusCode GrpcEndpointMetricsStatus { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Cluster = await Cluster.StartAsync(new ClusterOptions { ServiceSettings = ServiceSettings(_receiver.Endpoint) }, cancellation.Token)
            .WaitAsync(StartTimeout);

        var environment = Cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        environment["MARKER"] = Marker;
        environment["API_KEY"] = Cluster.ApiKey;
        environment["PUBLICATIONS"] = Publications.ToString(CultureInfo.InvariantCulture);
        await using (var scenario = NodeScenario.Start("telemetry.mjs", environment))
        {
            Result = await scenario.ResultAsync<TelemetryResult>(NodeScenario.DefaultTimeout);
            ScenarioOutput = scenario.Output;
        }

        ArrivalError = await WaitForArrivalsAsync();
        Scrapes = await ScrapeAllAsync();
        GrpcEndpointMetricsStatus = await ScrapeOverHttp2Async(new Uri(Cluster.EdgeGrpcUrls[0], "/metrics"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    internal string Describe() => $"arrival: {ArrivalError ?? "complete"}\nscenario output:\n{ScenarioOutput}\n{Cluster.OutputTails(10)}";

    private static Dictionary<string, string?> ServiceSettings(Uri collector) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_TRACES_SAMPLER"] = "parentbased_always_on",
        // Export within a fraction of a second instead of every five.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["Logging__LogLevel__Default"] = "Debug",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        ["Logging__LogLevel__Grpc"] = "Debug",
        ["Logging__LogLevel__Yarp"] = "Debug",
    };

    /// <summary>
    /// Waits for the trace of every client publish to reach the edges with subscribers, for the whole trace of the visitor's
    /// connect, and for every client's disconnect to be logged: a process exports its log records in order, so once those
    /// arrived, everything logged before them did too.
    /// </summary>
    private async Task<string?> WaitForArrivalsAsync()
    {
        try
        {
            await Eventually.HoldsAsync(
                () =>
                {
                    var traces = PublishTrace.Find(Received.Spans, Result.Channel);
                    return traces.Count == Publications + 1
                        && traces.All(trace => trace.ReachesAll([Cluster.EdgeId(0)]))
                        && traces.Count(trace => trace.ReachesAll(Cluster.EdgeIds)) >= Publications;
                },
                ArrivalTimeout,
                "every client publish is traced through fanout to the edges with subscribers",
                TimeSpan.FromMilliseconds(200));
            await Eventually.HoldsAsync(
                () => ConnectTrace.Find(Received.Spans, Result.Visitor.Client, Result.Visitor.Channel) is { IsComplete: true },
                ArrivalTimeout,
                "the trace of the visitor's connect through the gateway arrives whole",
                TimeSpan.FromMilliseconds(200));
            await Eventually.HoldsAsync(
                () =>
                {
                    var logs = Received.Logs;
                    return Result.Clients.All(client => logs.Any(log => log.Text.Contains(client, StringComparison.Ordinal) && log.Text.Contains("disconnected", StringComparison.Ordinal)));
                },
                ArrivalTimeout,
                "the edges' logs of every client's disconnect arrive",
                TimeSpan.FromMilliseconds(200));
            return null;
        }
        catch (TimeoutException timeout)
        {
            return timeout.Message;
        }
    }

    private async Task<Dictionary<string, string>> ScrapeAllAsync()
    {
        var scrapes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, address) in Cluster.HttpAddresses)
        {
            using var response = await Http.GetAsync(new Uri(address, "/metrics"));
            scrapes[service] = response.IsSuccessStatusCode
                ? await response.Content.ReadAsStringAsync()
                : string.Create(CultureInfo.InvariantCulture, $"(GET /metrics answered {(int)response.StatusCode})");
        }

        return scrapes;
    }

    private static async Task<HttpStatusCode> ScrapeOverHttp2Async(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }
}
