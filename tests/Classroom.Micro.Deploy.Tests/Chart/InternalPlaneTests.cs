using System.Text;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

/// <summary>The chart gives every internal service the shared internal key from a Secret, and fences the services in.</summary>
public sealed class InternalPlaneTests
{
    private const string Key = "internal-key-0123456789abcdef0123456789abcdef";

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Auth_registry_fanout_and_edge_read_the_internal_key_from_a_secret_and_the_gateway_does_not(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var (kind, component) in new[] { ("Deployment", "auth"), ("Deployment", "registry"), ("StatefulSet", "fanout"), ("StatefulSet", "edge") })
        {
            var variable = RenderedChart.Env(RenderedChart.OnlyContainer(chart.Single(kind, component))).Single(env => (string?)env["name"] == "Internal__Key");
            Assert.Null(variable["value"]);
            Assert.NotNull(variable["valueFrom"]!["secretKeyRef"]!["name"]);
        }

        Assert.DoesNotContain("Internal__Key", RenderedChart.EnvNames(RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway"))));
    }

    [Fact]
    public async Task The_chart_creates_the_internal_key_secret_from_the_value()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, $"internal.key={Key}");

        var secret = chart.Single("Secret", "internal");
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)), (string?)secret["data"]!["internal-key"]);
        var reference = RenderedChart.Env(RenderedChart.OnlyContainer(chart.Single("Deployment", "auth"))).Single(env => (string?)env["name"] == "Internal__Key")["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(("classroom-internal", "internal-key"), ((string?)reference["name"], (string?)reference["key"]));
        Assert.DoesNotContain(chart.Manifests.Where(manifest => RenderedChart.Kind(manifest) != "Secret"), manifest => manifest.ToJsonString().Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_key_the_chart_generates_a_long_random_one()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        var generated = Encoding.UTF8.GetString(Convert.FromBase64String((string)chart.Single("Secret", "internal")["data"]!["internal-key"]!));
        Assert.True(generated.Length >= 32, "a generated internal key has at least 32 characters");
    }

    [Fact]
    public async Task An_existing_secret_is_referenced_and_none_is_created()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, "internal.existingSecret=mine", "internal.existingSecretKey=k");

        Assert.DoesNotContain(chart.OfKind("Secret"), secret => RenderedChart.Name(secret) == "classroom-internal");
        var reference = RenderedChart.Env(RenderedChart.OnlyContainer(chart.Single("Deployment", "registry"))).Single(env => (string?)env["name"] == "Internal__Key")["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(("mine", "k"), ((string?)reference["name"], (string?)reference["key"]));
    }

    [Fact]
    public async Task A_short_internal_key_is_refused()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "internal.key=short-key");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_policies_are_on_by_default()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        Assert.Contains(chart.OfKind("NetworkPolicy"), policy => RenderedChart.Name(policy) == "classroom-default-deny-ingress");
        Assert.Contains(chart.OfKind("NetworkPolicy"), policy => RenderedChart.Name(policy) == "classroom-registry");
    }

    [Fact]
    public async Task Server_api_callers_inside_the_cluster_reach_the_api_service_only_when_listed()
    {
        var closed = await HelmChart.RenderAsync(ValuesFiles.Default);
        var open = await HelmChart.RenderAsync(ValuesFiles.Default, "networkPolicy.serverApi.from[0].podSelector.matchLabels.app=school-backend");

        Assert.DoesNotContain("school-backend", closed.Single("NetworkPolicy", "api").ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("school-backend", open.Single("NetworkPolicy", "edge").ToJsonString(), StringComparison.Ordinal);
        var rule = open.Single("NetworkPolicy", "api")["spec"]!["ingress"]!.AsArray().Single(rule => rule!.ToJsonString().Contains("school-backend", StringComparison.Ordinal))!;
        Assert.Equal(["grpc", "http"], rule["ports"]!.AsArray().Select(port => (string)port!["port"]!).Order(StringComparer.Ordinal));
    }
}
