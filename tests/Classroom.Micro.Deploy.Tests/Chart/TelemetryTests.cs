using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class TelemetryTests
{
    private static readonly string[] s_dashboardMetrics =
    [
        "classroom_edge_connections", "classroom_edge_subscriptions", "classroom_edge_publications_in_total",
        "classroom_edge_deliveries_out_total", "classroom_edge_delivery_latency_milliseconds_bucket",
        "classroom_edge_slow_disconnects_total", "classroom_edge_recoveries_total", "classroom_edge_fanout_reconnects_total",
        "classroom_edge_auth_failures_total", "classroom_fanout_publications_total", "classroom_fanout_deliveries_total",
        "classroom_fanout_append_duration_milliseconds_bucket", "classroom_fanout_redis_errors_total",
        "classroom_auth_token_rejections_total", "classroom_registry_leases_expired_total",
        "classroom_registry_redis_duration_milliseconds_bucket", "classroom_registry_redis_errors_total",
        "classroom_edge_outbound_queue_depth", "classroom_edge_outbound_queue_max_depth",
    ];

    [Fact]
    public async Task Every_service_exports_to_the_otlp_endpoint_under_its_own_name_with_the_configured_sampler()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var names = new List<string?>();
        foreach (var container in chart.Workloads().Select(RenderedChart.OnlyContainer))
        {
            Assert.Equal("http://opentelemetry-collector.observability.svc.cluster.local:4317", RenderedChart.EnvValue(container, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal("parentbased_traceidratio", RenderedChart.EnvValue(container, "OTEL_TRACES_SAMPLER"));
            Assert.Equal("0.05", RenderedChart.EnvValue(container, "OTEL_TRACES_SAMPLER_ARG"));
            names.Add(RenderedChart.EnvValue(container, "OTEL_SERVICE_NAME"));
        }

        Assert.Equal(
            ["Classroom.Micro.Api", "Classroom.Micro.Auth", "Classroom.Micro.Edge", "Classroom.Micro.Fanout", "Classroom.Micro.Gateway", "Classroom.Micro.Registry"],
            names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.All(chart.Workloads().Select(RenderedChart.OnlyContainer),
            container => Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", RenderedChart.EnvNames(container)));
    }

    [Fact]
    public async Task The_service_monitor_scrapes_metrics_on_the_http_port_of_every_service()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var monitor = chart.OfKind("ServiceMonitor").Single();
        Assert.Equal("kube-prometheus-stack", (string?)monitor["metadata"]!["labels"]!["release"]);
        var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Single()!;
        Assert.Equal("http", (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);

        var selector = monitor["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var selected = chart.OfKind("Service").Where(service => selector.All(label =>
            (string?)service["metadata"]!["labels"]![label.Key] == (string?)label.Value)).ToList();
        Assert.Equal(6, selected.Count);
        Assert.All(selected, service => Assert.Contains(service["spec"]!["ports"]!.AsArray(), port => (string?)port!["name"] == "http"));
    }

    [Fact]
    public async Task The_dashboard_ships_in_a_labelled_configmap_with_a_panel_for_every_metric()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var configMap = chart.Single("ConfigMap", "dashboard");
        Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
        var shipped = (string)configMap["data"]!["classroom.json"]!;
        var file = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "helm", "classroom", "dashboards", "classroom.json"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(file.Trim(), shipped.Trim());

        var expressions = JsonNode.Parse(shipped)!["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .Select(target => (string)target!["expr"]!)
            .ToList();
        Assert.All(s_dashboardMetrics, metric => Assert.Contains(expressions, expression => expression.Contains(metric, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Neither_monitor_nor_dashboard_is_rendered_by_default()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.Empty(chart.OfKind("ServiceMonitor"));
        // The internal plane's public certificates are a ConfigMap of their own; no dashboard is among them.
        Assert.Null(chart.Find("ConfigMap", "dashboard"));
    }
}
