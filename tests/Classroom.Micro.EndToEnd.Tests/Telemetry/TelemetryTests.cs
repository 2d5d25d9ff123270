using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// Traces, logs and metrics of a real cluster, collected by an in-test OTLP receiver and from each service's
/// <c>/metrics</c> while <c>tests/e2e/telemetry.mjs</c> runs (see <see cref="TelemetryRun"/>).
/// </summary>
public sealed partial class TelemetryTests(TelemetryRun run) : IClassFixture<TelemetryRun>
{
    private const int Timeout = 60_000;

    /// <summary>Dashboard series that only exist once something failed (no slow client, Redis error or lapsed lease here).</summary>
    private static readonly HashSet<string> FailureOnlyMetrics =
    [
        "classroom_edge_slow_disconnects_total", "classroom_fanout_redis_errors_total",
        "classroom_registry_redis_errors_total", "classroom_registry_leases_expired_total",
    ];

    [Fact(Timeout = Timeout)]
    public void A_client_publish_is_one_trace_from_the_publishing_edge_through_fanout_to_every_edge_with_subscribers()
    {
        var traces = PublishTrace.Find(run.Received.Spans, run.Result.Channel);

        Assert.True(run.Result.DeliveryError is null, $"{run.Result.DeliveryError}\n{run.Describe()}");
        Assert.True(traces.Count == TelemetryRun.Publications + 1, $"{traces.Count} edge.publish spans on {run.Result.Channel}.\n{Describe(traces)}");
        foreach (var trace in traces)
        {
            Assert.True(trace.Publish.Instance == Cluster.EdgeId(0), $"the teacher publishes on edge 0.\n{trace}");
            Assert.True(trace.FanoutPublish.Count == 1 && trace.Descends(trace.FanoutPublish[0], trace.Publish), $"fanout.publish is not under edge.publish.\n{trace}");
            Assert.All(trace.Deliveries, delivery => Assert.True(delivery.ParentSpanId == trace.FanoutPublish[0].SpanId, $"{delivery} is not a child of fanout.publish.\n{trace}"));
            Assert.True(trace.DeliveringEdges.Contains(Cluster.EdgeId(0)), $"edge 0 has the teacher subscribed but did not deliver.\n{trace}");
        }

        var throughBoth = traces.Where(trace => trace.ReachesAll(run.Cluster.EdgeIds)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', throughBoth.Take(1)));
        Assert.True(throughBoth.Count >= TelemetryRun.Publications, $"only {throughBoth.Count} traces reached both edges.\n{Describe(traces)}");
    }

    [Fact(Timeout = Timeout)]
    public void Each_delivery_is_a_consumer_span_tagged_with_channel_offset_and_local_subscribers()
    {
        var traces = PublishTrace.Find(run.Received.Spans, run.Result.Channel).Where(trace => trace.ReachesAll(run.Cluster.EdgeIds)).ToList();

        Assert.True(traces.Count >= TelemetryRun.Publications, Describe(traces));
        foreach (var trace in traces)
        {
            var offset = trace.FanoutPublish[0].Attribute("classroom.fanout.offset");
            Assert.False(string.IsNullOrEmpty(offset), $"fanout.publish has no offset.\n{trace}");
            foreach (var delivery in trace.Deliveries)
            {
                Assert.Equal(Span.Types.SpanKind.Consumer, delivery.Kind);
                Assert.Equal(run.Result.Channel, delivery.Attribute("messaging.destination.name"));
                Assert.Equal(offset, delivery.Attribute("classroom.offset"));
                // One member on each edge: the teacher on edge 0, the student on edge 1.
                Assert.Equal("1", delivery.Attribute("classroom.edge.local_subscribers"));
            }
        }
    }

    [Fact(Timeout = Timeout)]
    public void A_publish_starts_a_trace_of_its_own_linked_to_its_connection()
    {
        var traces = PublishTrace.Find(run.Received.Spans, run.Result.Channel);

        Assert.NotEmpty(traces);
        Assert.All(traces, trace =>
        {
            Assert.True(trace.Publish.ParentSpanId.Length == 0, $"edge.publish has a parent: the socket's span would hold every publish of the connection.\n{trace}");
            Assert.Equal(Span.Types.SpanKind.Producer, trace.Publish.Kind);
            Assert.Single(trace.Publish.LinkedSpanIds);
        });
        Assert.Equal(traces.Count, traces.Select(trace => trace.Publish.TraceId).Distinct().Count());
    }

    [Fact(Timeout = Timeout)]
    public void A_connect_through_the_gateway_is_one_trace_from_the_gateway_through_the_edge_to_auth_and_the_registry()
    {
        var visitor = run.Result.Visitor;
        var trace = ConnectTrace.Find(run.Received.Spans, visitor.Client, visitor.Channel);

        Assert.True(trace is not null, $"no edge.connect span of the visitor's connection {visitor.Client}.\nspans received: {run.Received.Spans.Count}\n{run.Describe()}");
        TestContext.Current.TestOutputHelper?.WriteLine(trace.ToString());
        Assert.Equal(visitor.Node, trace.Connect.Instance);
        string[] services = [ConnectTrace.GatewayService, ConnectTrace.EdgeService, ConnectTrace.AuthService, ConnectTrace.RegistryService];
        Assert.True(services.All(trace.Services.Contains), $"the trace has spans of {string.Join(", ", trace.Services)}.\n{trace}");
        Assert.True(trace.Orphans.ToList() is [], $"spans whose parent is not in the trace: {string.Join(", ", trace.Orphans)}\n{trace}");
        var root = Assert.Single(trace.Roots);
        Assert.True(root.Service == ConnectTrace.GatewayService && root.Kind == Span.Types.SpanKind.Server, $"the trace does not start at the gateway's upgrade request.\n{trace}");
        Assert.True(trace.Descends(trace.Connect, root), $"edge.connect is not under the gateway's request.\n{trace}");

        var tokenCheck = Assert.Single(trace.TokenChecks);
        Assert.True(trace.Descends(tokenCheck, trace.Connect), $"auth's ValidateToken is not under edge.connect.\n{trace}");
        var subscribe = Assert.Single(trace.Subscribes);
        Assert.True(trace.Descends(subscribe, root) && !trace.Descends(subscribe, trace.Connect), $"edge.subscribe is not under the gateway's request, next to edge.connect.\n{trace}");
        var registration = Assert.Single(trace.Registrations);
        Assert.True(trace.Descends(registration, subscribe), $"the registry's AddSubscription is not under edge.subscribe.\n{trace}");
    }

    [Fact(Timeout = Timeout)]
    public void No_token_key_secret_or_message_body_appears_in_any_log_line_span_or_metric_label()
    {
        var received = run.Received;
        var haystacks = new List<(string Where, string Text)>();
        haystacks.AddRange(received.Logs.Select(log => ($"log record of {log.Service}/{log.Instance}", log.Text)));
        haystacks.AddRange(received.Spans.Select(span => ($"span {span}", span.Text)));
        haystacks.AddRange(run.Scrapes.Select(scrape => ($"/metrics of {scrape.Key}", scrape.Value)));
        haystacks.AddRange(run.Cluster.Outputs.Select(output => ($"console of {output.Key}", output.Value)));

        // The scan must have had something to look at: Debug records of the edges, client spans, every service's metrics.
        Assert.True(received.Logs.Any(log => log.Text.Contains("connected as user", StringComparison.Ordinal)), $"no Debug log record arrived.\n{run.Describe()}");
        Assert.True(received.Logs.Select(log => log.Service).Distinct().Count() >= 4, $"log records came from {string.Join(", ", received.Logs.Select(log => log.Service).Distinct())}.\n{run.Describe()}");
        Assert.True(run.Result.Published.Count == TelemetryRun.Publications + 1, run.Describe());

        var leaks = new List<string>();
        foreach (var (what, secret) in Secrets())
        {
            foreach (var (where, text) in haystacks)
            {
                var at = text.IndexOf(secret, StringComparison.Ordinal);
                if (at >= 0)
                {
                    leaks.Add($"{what} in {where}: …{text[Math.Max(0, at - 80)..Math.Min(text.Length, at + secret.Length + 40)]}…");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"scanned {received.Logs.Count} log records, {received.Spans.Count} spans, {run.Scrapes.Count} scrapes, {run.Cluster.Outputs.Count} consoles ({haystacks.Sum(haystack => (long)haystack.Text.Length)} characters)");
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n{string.Join('\n', leaks.Take(20))}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Every_service_serves_the_dashboards_metrics_at_metrics_on_its_http_endpoint_only()
    {
        var dashboard = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "helm", "classroom", "dashboards", "classroom.json"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var expected = JsonNode.Parse(dashboard)!["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .SelectMany(target => MetricName().Matches((string)target!["expr"]!).Select(match => match.Value))
            .Distinct()
            .ToList();
        var exposed = run.Scrapes.Values.SelectMany(text => text.Split('\n')).Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('{', ' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(run.Scrapes, scrape => Assert.True(scrape.Value.Contains("target_info", StringComparison.Ordinal), $"{scrape.Key}: {scrape.Value[..Math.Min(300, scrape.Value.Length)]}"));
        Assert.True(expected.Count >= 15, $"the dashboard names {expected.Count} metrics");
        var missing = expected.Where(name => !FailureOnlyMetrics.Contains(name) && !exposed.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard queries series no service exposes: {string.Join(", ", missing)}\nexposed: {string.Join(", ", exposed.Where(name => name.StartsWith("classroom_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))}");
        Assert.Equal(HttpStatusCode.NotFound, run.GrpcEndpointMetricsStatus);
    }

    [Fact(Timeout = Timeout)]
    public void The_metrics_the_issue_lists_are_served_in_prometheus_format_by_the_services_that_measure_them()
    {
        // Redis errors and slow-consumer disconnects only have series once something failed; their instruments are
        // covered by the services' own tests.
        (string Service, string Metric, string Label)[] expected =
        [
            .. run.Cluster.EdgeIds.SelectMany(edge => new[]
            {
                (edge, "classroom_edge_connections", ""), (edge, "classroom_edge_subscriptions", ""), (edge, "classroom_edge_deliveries_out_total", ""),
                (edge, "classroom_edge_delivery_latency_milliseconds_bucket", ""), (edge, "classroom_edge_outbound_queue_depth", ""),
                (edge, "classroom_edge_fanout_reconnects_total", ""),
            }),
            (Cluster.EdgeId(0), "classroom_edge_publications_in_total", ""),
            (Cluster.EdgeId(0), "classroom_edge_auth_failures_total", "reason=\""),
            (Cluster.EdgeId(1), "classroom_edge_recoveries_total", "recovered=\"true\""),
            ("auth", "classroom_auth_token_rejections_total", "reason=\""),
            ("auth", "classroom_auth_redis_duration_milliseconds_bucket", "operation=\"standing\""),
            ("registry", "classroom_registry_redis_duration_milliseconds_bucket", "operation=\"AddSubscription\""),
        ];

        var missing = expected.Where(series => !Serves(series.Service, series.Metric, series.Label)).ToList();

        Assert.True(missing.Count == 0, $"not served: {string.Join(", ", missing)}\nscraped: {string.Join(", ", run.Scrapes.Keys)}");
        // Edges send each channel's publishes to one replica, so the replica the run's channel maps to measures the appends.
        Assert.True(Serves("fanout-0", "classroom_fanout_append_duration_milliseconds_bucket", "") || Serves("fanout-1", "classroom_fanout_append_duration_milliseconds_bucket", ""),
            $"no fanout replica serves classroom_fanout_append_duration_milliseconds_bucket\nscraped: {string.Join(", ", run.Scrapes.Keys)}");

        bool Serves(string service, string metric, string label) =>
            run.Scrapes.TryGetValue(service, out var scrape) && scrape.Split('\n').Any(line =>
                (line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
                && line.Contains(label, StringComparison.Ordinal));
    }

    private IEnumerable<(string What, string Secret)> Secrets()
    {
        yield return ("a publication body", run.Marker);
        yield return ("the HS256 secret", run.Cluster.Hs256Secret);
        foreach (var key in run.Result.Secrets.ApiKeys)
        {
            yield return ("an API key", key);
        }

        foreach (var token in run.Result.Secrets.Tokens)
        {
            yield return ("a token", token);
            // Any fragment of a token that includes its signature is as good as the token.
            yield return ("a token's signature", token[(token.LastIndexOf('.') + 1)..]);
        }
    }

    private string Describe(IReadOnlyList<PublishTrace> traces) =>
        $"{string.Join('\n', traces)}\nspans received: {run.Received.Spans.Count}\n{run.Describe()}";

    [GeneratedRegex("classroom_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
