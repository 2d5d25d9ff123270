using System.Text.RegularExpressions;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed partial class DevTokenTests
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Auth_is_always_rendered_with_dev_tokens_disabled_by_env_and_by_command_line(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        var auth = RenderedChart.OnlyContainer(chart.Single("Deployment", "auth"));
        Assert.Equal("false", RenderedChart.EnvValue(auth, "Auth__DevTokens__Enabled"));
        // Command-line settings outrank environment variables, so nothing in a Secret can turn them on.
        Assert.Contains("--Auth:DevTokens:Enabled=false", auth["args"]!.AsArray().Select(arg => (string?)arg));
        Assert.DoesNotMatch(EnabledDevTokens(), chart.Yaml);
    }

    [Theory]
    [InlineData("auth.devTokens.enabled=true")]
    [InlineData("auth.jwt.devTokens.enabled=true")]
    [InlineData("devTokens.enabled=true")]
    [InlineData("auth.extraEnv[0].name=Auth__DevTokens__Enabled", "auth.extraEnv[0].value=true")]
    [InlineData("edge.extraEnv[0].name=AUTH__DEVTOKENS__ENABLED", "edge.extraEnv[0].value=true")]
    [InlineData("auth.extraEnv[0].name=ASPNETCORE_ENVIRONMENT", "auth.extraEnv[0].value=Development")]
    public async Task No_value_can_turn_dev_tokens_on(params string[] setArguments)
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, setArguments);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", render.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"DevTokens[_:]*Enabled\W+(value:\s*)?""?true", RegexOptions.IgnoreCase)]
    private static partial Regex EnabledDevTokens();
}
