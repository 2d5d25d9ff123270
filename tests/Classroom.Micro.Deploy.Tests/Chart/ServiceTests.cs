using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class ServiceTests
{
    [Fact]
    public async Task Only_the_gateway_is_exposed_and_on_eks_through_an_nlb()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var gateway = chart.Single("Service", "gateway");
        Assert.Equal("LoadBalancer", (string?)gateway["spec"]!["type"]);
        var annotations = gateway["metadata"]!["annotations"]!;
        Assert.Equal("external", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-type"]);
        Assert.Equal("ip", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"]);
        Assert.Equal("http", (string?)gateway["spec"]!["ports"]![0]!["targetPort"]);

        foreach (var service in chart.OfKind("Service").Where(service => RenderedChart.Name(service) != "classroom-gateway"))
        {
            Assert.Contains((string?)service["spec"]!["type"], new[] { null, "ClusterIP" });
        }
    }

    [Fact]
    public async Task By_default_the_gateway_service_is_cluster_internal()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.Equal("ClusterIP", (string?)chart.Single("Service", "gateway")["spec"]!["type"]);
    }

    [Fact]
    public async Task Callers_reach_auth_and_registry_through_their_cluster_services()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        var edge = RenderedChart.OnlyContainer(chart.Single("StatefulSet", "edge"));
        Assert.Equal("http://classroom-auth.classroom.svc.cluster.local:7101", RenderedChart.EnvValue(edge, "Edge__AuthAddress"));
        Assert.Equal("http://classroom-registry.classroom.svc.cluster.local:7201", RenderedChart.EnvValue(edge, "Edge__RegistryAddress"));
        var auth = RenderedChart.OnlyContainer(chart.Single("Deployment", "auth"));
        Assert.Equal("http://classroom-registry.classroom.svc.cluster.local:7201", RenderedChart.EnvValue(auth, "Auth__RegistryAddress"));
        var gateway = RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway"));
        Assert.Equal("http://classroom-auth.classroom.svc.cluster.local:7100", RenderedChart.EnvValue(gateway, "Gateway__AuthAddress"));

        var authPorts = chart.Single("Service", "auth")["spec"]!["ports"]!.AsArray();
        Assert.Contains(authPorts, port => (string?)port!["name"] == "grpc" && (long?)port["port"] == 7101);
        Assert.Contains(authPorts, port => (string?)port!["name"] == "http" && (long?)port["port"] == 7100);
    }
}
