using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class NetworkPolicyTests
{
    [Fact]
    public async Task Every_ingress_to_the_release_is_denied_unless_a_policy_allows_it()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Sentinel);

        var deny = chart.Single("NetworkPolicy", "default-deny-ingress");
        var selector = deny["spec"]!["podSelector"]!["matchLabels"]!.AsObject();
        Assert.Equal(HelmChart.Release, (string?)selector["app.kubernetes.io/instance"]);
        Assert.False(selector.ContainsKey("app.kubernetes.io/component"));
        Assert.Equal(["Ingress"], deny["spec"]!["policyTypes"]!.AsArray().Select(type => (string)type!));
        Assert.Null(deny["spec"]!["ingress"]);
        Assert.Null(deny["spec"]!["egress"]);
    }

    [Theory]
    [InlineData("edge", "gateway:http")]
    [InlineData("api", "gateway:http")]
    [InlineData("auth", "edge:grpc", "gateway:http")]
    [InlineData("registry", "edge:grpc", "auth:grpc", "api:grpc")]
    [InlineData("fanout", "edge:grpc", "registry:grpc", "api:grpc")]
    public async Task A_service_accepts_only_its_callers_on_their_port(string callee, params string[] callersAndPorts)
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Sentinel);

        var policy = chart.Single("NetworkPolicy", callee);
        Assert.Equal(callee, (string?)policy["spec"]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/component"]);
        Assert.Equal(callersAndPorts.Order(StringComparer.Ordinal), Rules(policy).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_gateway_accepts_everyone_on_its_port_unless_sources_are_configured()
    {
        var open = await HelmChart.RenderAsync(ValuesFiles.Sentinel);
        var restricted = await HelmChart.RenderAsync(ValuesFiles.Sentinel, "networkPolicy.gateway.from[0].ipBlock.cidr=10.0.0.0/16");

        var openRule = Ingress(open.Single("NetworkPolicy", "gateway")).Single();
        Assert.Null(openRule["from"]);
        Assert.Equal("http", (string?)openRule["ports"]![0]!["port"]);
        var restrictedRule = Ingress(restricted.Single("NetworkPolicy", "gateway")).Single();
        Assert.Equal("10.0.0.0/16", (string?)restrictedRule["from"]![0]!["ipBlock"]!["cidr"]);
    }

    [Fact]
    public async Task The_monitoring_namespace_reaches_http_ports_only_when_a_service_monitor_is_on()
    {
        var withoutMonitor = await HelmChart.RenderAsync(ValuesFiles.Sentinel);
        var withMonitor = await HelmChart.RenderAsync(ValuesFiles.Eks);

        Assert.DoesNotContain(withoutMonitor.OfKind("NetworkPolicy").SelectMany(Ingress), rule => rule["from"]?.ToJsonString().Contains("namespaceSelector", StringComparison.Ordinal) == true);
        foreach (var component in new[] { "gateway", "edge", "api", "auth", "registry", "fanout" })
        {
            var monitoring = Ingress(withMonitor.Single("NetworkPolicy", component))
                .Single(rule => rule["from"]?[0]?["namespaceSelector"] is not null);
            Assert.Equal("monitoring", (string?)monitoring["from"]![0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]);
            Assert.Equal("http", (string?)monitoring["ports"]!.AsArray().Single()!["port"]);
        }
    }

    [Fact]
    public async Task Turned_off_no_network_policy_is_rendered()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "networkPolicy.enabled=false");

        Assert.Empty(chart.OfKind("NetworkPolicy"));
    }

    private static IEnumerable<JsonObject> Ingress(JsonObject policy) =>
        policy["spec"]!["ingress"]?.AsArray().Select(rule => rule!.AsObject()) ?? [];

    /// <summary>"caller:port" for every rule that admits pods of the release (not the monitoring namespace).</summary>
    private static IEnumerable<string> Rules(JsonObject policy) =>
        from rule in Ingress(policy)
        let peers = rule["from"]!.AsArray()
        where peers.All(peer => peer!["namespaceSelector"] is null)
        from peer in peers
        from port in rule["ports"]!.AsArray()
        let labels = peer!["podSelector"]!["matchLabels"]!
        where (string?)labels["app.kubernetes.io/instance"] == HelmChart.Release
        select $"{(string?)labels["app.kubernetes.io/component"]}:{(string?)port!["port"]}";
}
