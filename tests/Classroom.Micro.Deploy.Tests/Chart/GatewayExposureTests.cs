using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

/// <summary>What the public gateway exposes: the server API only on request, WebSockets only from allowed origins, TLS on EKS.</summary>
public sealed class GatewayExposureTests
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task The_server_api_is_kept_internal_by_default(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        Assert.Equal("false", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway")), "Gateway__ExposeServerApi"));
    }

    [Fact]
    public async Task Allowed_origins_reach_the_gateway_and_a_pattern_is_refused()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "gateway.allowedOrigins[0]=https://portal.example.org", "gateway.exposeServerApi=true");
        var pattern = await HelmChart.TemplateAsync(ValuesFiles.Default, "gateway.allowedOrigins[0]=https://*.example.org");

        var gateway = RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway"));
        Assert.Equal("https://portal.example.org", RenderedChart.EnvValue(gateway, "Gateway__AllowedOrigins__0"));
        Assert.Equal("true", RenderedChart.EnvValue(gateway, "Gateway__ExposeServerApi"));
        Assert.NotEqual(0, pattern.ExitCode);
    }

    [Fact]
    public async Task On_eks_the_gateway_listens_on_443_only_with_tls_ending_at_the_nlb()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        var gateway = chart.Single("Service", "gateway");
        var port = gateway["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(443L, (long)port["port"]!);
        Assert.Equal("http", (string?)port["targetPort"]);
        var annotations = gateway["metadata"]!["annotations"]!;
        Assert.StartsWith("arn:aws:acm:", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"], StringComparison.Ordinal);
        Assert.Equal("443", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"]);
    }

    [Fact]
    public async Task A_server_api_key_shorter_than_32_characters_is_refused()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "api.keys[0]=only-24-characters-long!!");

        Assert.NotEqual(0, render.ExitCode);
    }
}
