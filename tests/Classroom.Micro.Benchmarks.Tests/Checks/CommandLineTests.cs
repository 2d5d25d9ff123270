using Classroom.Micro.Benchmarks.Configuration;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Checks;

public sealed class CommandLineTests
{
    [Fact]
    public void Without_arguments_the_benchmark_starts_its_own_cluster_and_runs_connections_and_fanout()
    {
        var settings = CommandLine.Parse([])!;

        Assert.Null(settings.Gateway);
        Assert.Equal([BenchmarkSettings.ConnectionsScenario, BenchmarkSettings.FanoutScenario], settings.Scenarios);
        Assert.Equal(30, settings.Fanout.ClassroomSize);
    }

    [Fact]
    public void Options_set_the_scenarios_parameters()
    {
        var settings = CommandLine.Parse(["--gateway", "http://127.0.0.1:8000", "--classroom-size", "12", "--rate", "2.5", "--scenarios", "ramp"])!;

        Assert.Equal(new Uri("http://127.0.0.1:8000"), settings.Gateway);
        Assert.Equal(12, settings.Connections.ClassroomSize);
        Assert.Equal(12, settings.Fanout.ClassroomSize);
        Assert.Equal(2.5, settings.Fanout.RatePerClassroom);
        Assert.Equal([BenchmarkSettings.RampScenario], settings.Scenarios);
    }

    [Theory]
    [InlineData("--connectons", "10")]
    [InlineData("--connections", "-5")]
    [InlineData("--scenarios", "fanout,soak")]
    [InlineData("--gateway", "127.0.0.1:8000")]
    public void A_mistyped_option_is_rejected(string name, string value) =>
        Assert.Throws<ArgumentException>(() => CommandLine.Parse([name, value]));

    [Fact]
    public async Task A_bad_command_line_exits_with_2_and_prints_the_usage()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var cancellation = TestContext.Current.CancellationToken;
        var exitCode = await BenchmarkCommand.RunAsync(["--rate"], output, errors, cancellation).WaitAsync(TimeSpan.FromSeconds(5), cancellation);

        Assert.Equal(2, exitCode);
        Assert.Contains("--rate needs a value", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("--scenarios", errors.ToString(), StringComparison.Ordinal);
    }
}
