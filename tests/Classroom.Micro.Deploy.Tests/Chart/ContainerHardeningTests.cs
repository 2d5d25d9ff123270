using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class ContainerHardeningTests
{
    private static readonly string[] s_components = ["gateway", "edge", "api", "auth", "registry", "fanout"];

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Every_service_is_rendered_as_one_workload(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        Assert.Equal(["api", "auth", "gateway", "registry"], Components(chart.OfKind("Deployment")));
        Assert.Equal(["edge", "fanout"], Components(chart.OfKind("StatefulSet")));
        Assert.All(chart.OfKind("StatefulSet"), set => Assert.Equal("Parallel", (string?)set["spec"]!["podManagementPolicy"]));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Every_container_has_startup_liveness_and_readiness_probes_on_the_health_endpoints(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var container in chart.Workloads().SelectMany(RenderedChart.Containers))
        {
            Assert.Equal("/health/live", (string?)container["startupProbe"]?["httpGet"]?["path"]);
            Assert.Equal("/health/live", (string?)container["livenessProbe"]?["httpGet"]?["path"]);
            Assert.Equal("/health/ready", (string?)container["readinessProbe"]?["httpGet"]?["path"]);
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                Assert.Equal("http", (string?)container[probe]!["httpGet"]!["port"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Every_container_runs_non_root_read_only_without_privilege_escalation_or_capabilities(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var workload in chart.Workloads())
        {
            var pod = RenderedChart.PodSpec(workload)["securityContext"]!;
            Assert.True((bool?)pod["runAsNonRoot"], RenderedChart.Name(workload));
            Assert.NotEqual(0, (long?)pod["runAsUser"]);
            Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]?["type"]);
            foreach (var container in RenderedChart.Containers(workload))
            {
                var security = container["securityContext"]!;
                Assert.True((bool?)security["runAsNonRoot"]);
                Assert.True((long?)security["runAsUser"] > 0);
                Assert.True((bool?)security["readOnlyRootFilesystem"]);
                Assert.False((bool?)security["allowPrivilegeEscalation"]);
                Assert.False((bool?)security["privileged"]);
                Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(item => (string?)item));
                Assert.Null(security["capabilities"]!["add"]);
                Assert.Equal("RuntimeDefault", (string?)security["seccompProfile"]?["type"]);
            }
        }
    }

    [Fact]
    public async Task A_read_only_root_still_leaves_a_writable_tmp()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        foreach (var workload in chart.Workloads())
        {
            var mount = RenderedChart.OnlyContainer(workload)["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp")!;
            var volume = RenderedChart.PodSpec(workload)["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!;
            Assert.NotNull(volume["emptyDir"]);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Every_service_runs_in_the_Production_environment_on_all_interfaces(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var container in chart.Workloads().SelectMany(RenderedChart.Containers))
        {
            Assert.Equal("Production", RenderedChart.EnvValue(container, "ASPNETCORE_ENVIRONMENT"));
            Assert.DoesNotContain("DOTNET_ENVIRONMENT", RenderedChart.EnvNames(container));
            Assert.StartsWith("http://+:", RenderedChart.EnvValue(container, "Kestrel__Endpoints__Http__Url"), StringComparison.Ordinal);
            Assert.Equal("Http1", RenderedChart.EnvValue(container, "Kestrel__Endpoints__Http__Protocols"));
            Assert.Contains(RenderedChart.EnvValue(container, "DOTNET_gcServer"), new[] { "0", "1" });
        }
    }

    [Fact]
    public async Task Grpc_services_get_an_http2_only_endpoint_next_to_the_http1_one()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        foreach (var (kind, component, port) in new[] { ("Deployment", "api", 7501), ("Deployment", "auth", 7101), ("Deployment", "registry", 7201), ("StatefulSet", "fanout", 7301) })
        {
            var container = RenderedChart.OnlyContainer(chart.Single(kind, component));
            Assert.Equal($"http://+:{port}", RenderedChart.EnvValue(container, "Kestrel__Endpoints__Grpc__Url"));
            Assert.Equal("Http2", RenderedChart.EnvValue(container, "Kestrel__Endpoints__Grpc__Protocols"));
            Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == "grpc" && (long?)p["containerPort"] == port);
        }
    }

    [Fact]
    public async Task Images_default_to_the_chart_app_version_and_can_be_pinned_per_service()
    {
        var defaults = await HelmChart.RenderAsync(ValuesFiles.Default);
        var pinned = await HelmChart.RenderAsync(ValuesFiles.Default, "fanout.image.tag=1.2.3", "fanout.image.repository=registry.example.com/fanout");

        foreach (var component in s_components)
        {
            var workload = defaults.Find("Deployment", component) ?? defaults.Single("StatefulSet", component);
            Assert.Equal($"ghcr.io/classroom-micro/{component}:0.1.0", (string?)RenderedChart.OnlyContainer(workload)["image"]);
        }

        Assert.Equal("registry.example.com/fanout:1.2.3", (string?)RenderedChart.OnlyContainer(pinned.Single("StatefulSet", "fanout"))["image"]);
    }

    private static string[] Components(IEnumerable<JsonObject> workloads) =>
        workloads.Select(w => (string)w["metadata"]!["labels"]!["app.kubernetes.io/component"]!).Order(StringComparer.Ordinal).ToArray();
}
