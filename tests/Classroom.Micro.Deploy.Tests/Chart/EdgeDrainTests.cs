using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class EdgeDrainTests
{
    // The edge's host waits for the drain window plus this margin before it gives up (EdgeServiceCollectionExtensions).
    private const int ShutdownMarginSeconds = 10;

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task The_grace_period_covers_the_pre_stop_sleep_the_drain_window_and_the_shutdown_margin(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        var edge = chart.Single("StatefulSet", "edge");
        var container = RenderedChart.OnlyContainer(edge);
        var grace = (long)RenderedChart.PodSpec(edge)["terminationGracePeriodSeconds"]!;
        var preStop = (long)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!;
        var window = TimeSpan.Parse(RenderedChart.EnvValue(container, "Edge__Drain__Window")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(grace >= preStop + window.TotalSeconds + ShutdownMarginSeconds,
            $"grace {grace}s < preStop {preStop}s + window {window.TotalSeconds}s + {ShutdownMarginSeconds}s");
    }

    [Fact]
    public async Task The_defaults_sleep_five_seconds_then_drain_for_twenty_within_sixty()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        var edge = chart.Single("StatefulSet", "edge");
        var container = RenderedChart.OnlyContainer(edge);
        Assert.Equal(60, (long?)RenderedChart.PodSpec(edge)["terminationGracePeriodSeconds"]);
        Assert.Equal(5, (long?)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]);
        Assert.Equal("00:00:20", RenderedChart.EnvValue(container, "Edge__Drain__Window"));
    }

    [Fact]
    public async Task A_longer_drain_window_is_rendered_when_the_grace_period_allows_it()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "edge.drain.window=00:01:30", "edge.terminationGracePeriodSeconds=105");

        Assert.Equal("00:01:30", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("StatefulSet", "edge")), "Edge__Drain__Window"));
    }

    [Theory]
    [InlineData("edge.terminationGracePeriodSeconds=30")]
    [InlineData("edge.drain.window=00:01:00")]
    [InlineData("edge.drain.window=00:00:45.5")]
    public async Task A_grace_period_too_short_for_pre_stop_and_drain_fails_to_render(string setArgument)
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, setArgument);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("edge.terminationGracePeriodSeconds", render.StandardError, StringComparison.Ordinal);
        Assert.Contains("must be at least", render.StandardError, StringComparison.Ordinal);
    }
}
