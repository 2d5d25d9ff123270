using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class DiscoveryTests
{
    private const string FanoutHeadless = "dns:///classroom-fanout-headless.classroom.svc.cluster.local:7301";
    private const string EdgeHeadless = "dns:///classroom-edge-headless.classroom.svc.cluster.local:7400";

    /// <summary>Each discovering service with its address setting and the headless Service it must name.</summary>
    private static readonly (string Kind, string Component, string Setting, string Address)[] Discoverers =
    [
        ("StatefulSet", "edge", "Edge__FanoutAddresses", FanoutHeadless),
        ("Deployment", "registry", "Registry__FanoutAddresses", FanoutHeadless),
        ("Deployment", "gateway", "Gateway__EdgeAddresses", EdgeHeadless),
    ];

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Edges_and_the_registry_find_the_fanout_replicas_and_the_gateway_the_edges_through_one_headless_service_name(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var (kind, component, setting, address) in Discoverers)
        {
            var container = RenderedChart.OnlyContainer(chart.Single(kind, component));
            Assert.Equal([address], ListSetting(container, setting));
            Assert.Equal("00:00:05", RenderedChart.EnvValue(container, "Discovery__RefreshInterval"));
        }
    }

    [Fact]
    public async Task The_addresses_do_not_depend_on_replica_counts_or_autoscaling()
    {
        var small = await HelmChart.RenderAsync(ValuesFiles.Default, "edge.replicas=1", "fanout.replicas=1");
        var autoscaled = await HelmChart.RenderAsync(ValuesFiles.Eks, "edge.autoscaling.maxReplicas=50", "fanout.autoscaling.maxReplicas=30");

        foreach (var (kind, component, setting, _) in Discoverers)
        {
            Assert.Equal(
                ListSetting(RenderedChart.OnlyContainer(small.Single(kind, component)), setting),
                ListSetting(RenderedChart.OnlyContainer(autoscaled.Single(kind, component)), setting));
        }
    }

    [Fact]
    public async Task The_refresh_interval_comes_from_discovery_refresh_interval()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "discovery.refreshInterval=00:00:02");

        foreach (var (kind, component, _, _) in Discoverers)
        {
            Assert.Equal("00:00:02", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single(kind, component)), "Discovery__RefreshInterval"));
        }
    }

    [Fact]
    public async Task A_refresh_interval_that_is_not_a_timespan_fails_to_render()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "discovery.refreshInterval=5s");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("refreshInterval", render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_headless_services_publish_only_ready_pods_and_name_the_statefulsets_pods()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        foreach (var component in new[] { "edge", "fanout" })
        {
            Assert.Equal($"classroom-{component}-headless", (string?)chart.Single("StatefulSet", component)["spec"]!["serviceName"]);
            var service = chart.Single("Service", $"{component}-headless");
            Assert.Equal("None", (string?)service["spec"]!["clusterIP"]);
            // A draining or unready edge must leave the gateways' pool; an unready fanout replica must not be dialled.
            Assert.False((bool?)service["spec"]!["publishNotReadyAddresses"]);
        }
    }

    /// <summary>The values of NAME__0, NAME__1, ... in index order, which must be gap-free.</summary>
    private static List<string> ListSetting(JsonObject container, string name)
    {
        var values = new List<string>();
        while (RenderedChart.EnvValue(container, $"{name}__{values.Count}") is { } value)
        {
            values.Add(value);
        }

        Assert.DoesNotContain($"{name}__{values.Count + 1}", RenderedChart.EnvNames(container));
        return values;
    }
}
