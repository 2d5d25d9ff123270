using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class LintAndSchemaTests
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Helm_lint_passes_in_strict_mode(string valuesFile)
    {
        var lint = await HelmChart.LintAsync(valuesFile);

        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.Contains("0 chart(s) failed", lint.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Every_rendered_manifest_passes_the_Kubernetes_schema_with_no_unknown_field(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        var validation = await ManifestValidator.ValidateAsync(chart.Yaml);

        Assert.True(validation.ExitCode == 0, validation.Output);
        Assert.Contains($"{chart.Manifests.Count} manifests valid, 0 problems", validation.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_rejects_a_misspelt_field_and_a_wrong_type()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: broken}
            spec:
              selector: {matchLabels: {app: broken}}
              template:
                metadata: {labels: {app: broken}}
                spec:
                  containers:
                    - name: broken
                      image: broken
                      securityContext: {readOnlyRootFilesytem: true}
                      ports: [{containerPort: "80"}]
            """;

        var validation = await ManifestValidator.ValidateAsync(broken);

        Assert.NotEqual(0, validation.ExitCode);
        Assert.Contains("readOnlyRootFilesytem: unknown field", validation.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("containerPort must be integer", validation.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edge.replicas=-1", "/edge/replicas")]
    [InlineData("fanout.replicas=0", "/fanout/replicas")]
    [InlineData("gateway.service.type=ExternalName", "/gateway/service/type")]
    [InlineData("edge.drain.window=20s", "/edge/drain/window")]
    [InlineData("redis.mode=cluster", "/redis/mode")]
    [InlineData("securityContext.runAsUser=0", "/securityContext/runAsUser")]
    [InlineData("edge.surprise=1", "/edge")]
    public async Task The_values_schema_rejects_a_bad_value(string setArgument, string reportedPath)
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, setArgument);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", render.StandardError, StringComparison.Ordinal);
        Assert.Contains(reportedPath, render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_hs256_secret_is_rejected()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "auth.jwt.hs256Secret=too-short");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("/auth/jwt/hs256Secret", render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_values_and_an_existing_secret_together_are_refused()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default,
            "auth.jwt.existingSecret=jwt", "auth.jwt.jwksUrl=https://id.example.com/jwks.json");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("set either existingSecret or hs256Secret/publicKeys/jwksUrl", render.StandardError, StringComparison.Ordinal);
    }
}
