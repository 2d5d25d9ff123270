using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class AutoscalingTests
{
    [Fact]
    public async Task With_autoscaling_on_edge_and_fanout_have_an_hpa_on_their_statefulset_and_a_pdb()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        foreach (var component in new[] { "edge", "fanout" })
        {
            var hpa = chart.Single("HorizontalPodAutoscaler", component);
            Assert.Equal("autoscaling/v2", (string?)hpa["apiVersion"]);
            Assert.Equal("StatefulSet", (string?)hpa["spec"]!["scaleTargetRef"]!["kind"]);
            Assert.Equal($"{HelmChart.Release}-{component}", (string?)hpa["spec"]!["scaleTargetRef"]!["name"]);
            Assert.Contains(Metrics(hpa), metric => (string?)metric["type"] == "Resource" && (string?)metric["resource"]!["name"] == "cpu");

            var pdb = chart.Single("PodDisruptionBudget", component);
            Assert.Equal(component, (string?)pdb["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/component"]);
            Assert.Equal(1, (long?)pdb["spec"]!["maxUnavailable"]);
        }

        Assert.NotNull(chart.Find("PodDisruptionBudget", "gateway"));
        var api = chart.Single("HorizontalPodAutoscaler", "api");
        Assert.Equal(("Deployment", $"{HelmChart.Release}-api"), ((string?)api["spec"]!["scaleTargetRef"]!["kind"], (string?)api["spec"]!["scaleTargetRef"]!["name"]));
        Assert.NotNull(chart.Find("PodDisruptionBudget", "api"));
        Assert.Null(chart.Single("Deployment", "api")["spec"]!["replicas"]);
    }

    [Fact]
    public async Task The_edge_also_scales_on_connections_per_pod_and_scales_down_one_pod_per_five_minutes()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var hpa = chart.Single("HorizontalPodAutoscaler", "edge");
        var connections = Metrics(hpa).Single(metric => (string?)metric["type"] == "Pods")["pods"]!;
        Assert.Equal("classroom_edge_connections", (string?)connections["metric"]!["name"]);
        Assert.Equal("AverageValue", (string?)connections["target"]!["type"]);
        Assert.Equal("5000", (string?)connections["target"]!["averageValue"]);

        var scaleDown = hpa["spec"]!["behavior"]!["scaleDown"]!;
        Assert.Equal(600, (long?)scaleDown["stabilizationWindowSeconds"]);
        var policy = scaleDown["policies"]!.AsArray().Single()!;
        Assert.Equal("Pods", (string?)policy["type"]);
        Assert.Equal(1, (long?)policy["value"]);
        Assert.Equal(300, (long?)policy["periodSeconds"]);
    }

    [Fact]
    public async Task Without_autoscaling_there_is_no_hpa_and_the_statefulsets_set_their_replicas()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(3, (long?)chart.Single("StatefulSet", "edge")["spec"]!["replicas"]);
        Assert.Equal(3, (long?)chart.Single("StatefulSet", "fanout")["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Under_an_hpa_the_statefulsets_leave_the_replica_count_to_it()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        Assert.Null(chart.Single("StatefulSet", "edge")["spec"]!["replicas"]);
        Assert.Null(chart.Single("StatefulSet", "fanout")["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Min_replicas_above_max_replicas_fails_to_render()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Eks, "fanout.autoscaling.minReplicas=9");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("fanout.autoscaling.minReplicas must not exceed", render.StandardError, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> Metrics(JsonObject hpa) =>
        hpa["spec"]!["metrics"]!.AsArray().Select(metric => metric!.AsObject());
}
