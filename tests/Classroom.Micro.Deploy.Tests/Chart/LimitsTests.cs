using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

/// <summary>The limits of issue #10 are chart values, rendered into each service's environment with the services' defaults.</summary>
public sealed class LimitsTests
{
    public static TheoryData<string, string, string, string> Defaults => new()
    {
        { "StatefulSet", "edge", "Edge__Connections__MaxPerUser", "100" },
        { "StatefulSet", "edge", "Edge__Connections__MaxPerAddress", "5000" },
        { "StatefulSet", "edge", "Edge__Commands__MaxSubscriptions", "128" },
        { "StatefulSet", "edge", "Edge__Commands__MaxErrors", "50" },
        { "StatefulSet", "edge", "Edge__Commands__RatePerSecond", "100" },
        { "StatefulSet", "edge", "Edge__Commands__RateBurst", "200" },
        { "StatefulSet", "edge", "Edge__Commands__UserRatePerSecond", "300" },
        { "StatefulSet", "edge", "Edge__Commands__UserRateBurst", "600" },
        { "StatefulSet", "edge", "Edge__Commands__MaxHistoryLimit", "20000" },
        { "StatefulSet", "edge", "Edge__Commands__MaxHistoryBytes", "8388608" },
        { "StatefulSet", "edge", "Edge__Commands__MaxPublicationBytes", "65536" },
        { "StatefulSet", "edge", "Edge__Reads__PageBytes", "1048576" },
        { "StatefulSet", "edge", "Edge__Reads__RecoveryMaxBytes", "8388608" },
        { "StatefulSet", "edge", "Edge__Reads__MaxReadBytes", "16777216" },
        { "Deployment", "gateway", "Gateway__ConnectRateBurst", "600" },
        { "Deployment", "gateway", "Gateway__ConnectRatePerSecond", "200" },
        { "StatefulSet", "fanout", "Fanout__Streams__MaxBytes", "67108864" },
        { "Deployment", "api", "Api__HistoryMaxBytes", "33554432" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task Each_limit_is_rendered_with_the_services_default(string kind, string component, string variable, string expected)
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.Equal(expected, RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single(kind, component)), variable));
    }

    [Fact]
    public async Task A_set_limit_reaches_the_service()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "edge.limits.maxSubscriptions=16", "gateway.connectRate.perSecond=50", "fanout.streams.maxBytes=2147483648");

        Assert.Equal("16", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("StatefulSet", "edge")), "Edge__Commands__MaxSubscriptions"));
        Assert.Equal("50", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway")), "Gateway__ConnectRatePerSecond"));
        Assert.Equal("2147483648", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("StatefulSet", "fanout")), "Fanout__Streams__MaxBytes"));
    }

    [Theory]
    [InlineData("edge.limits.maxSubscriptions=0")]
    [InlineData("gateway.connectRate.burst=-1")]
    [InlineData("edge.reads.pageBytes=10")]
    public async Task A_limit_out_of_range_is_refused(string setting)
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, setting);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", render.StandardError, StringComparison.Ordinal);
    }
}
