using System.Text;
using System.Text.Json.Nodes;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class SecretTests
{
    private const string Hs256Secret = "hs256-secret-0123456789abcdefghijklmnop";
    private const string ApiKey = "api-key-fedcba9876543210-0123456789abcdef";
    private const string RedisPassword = "redis-password-1a2b3c4d";
    private const string JwksUrl = "https://id.example.com/secret-jwks-location.json";

    private static readonly string[] s_secrets = [Hs256Secret, ApiKey, RedisPassword, JwksUrl];

    private static Task<RenderedChart> RenderWithSecretsAsync(string valuesFile = ValuesFiles.Default) =>
        HelmChart.RenderAsync(valuesFile,
            $"auth.jwt.hs256Secret={Hs256Secret}", $"auth.jwt.jwksUrl={JwksUrl}", $"api.keys[0]={ApiKey}",
            $"redis.auth.password={RedisPassword}", "metrics.grafanaDashboard.enabled=true");

    [Fact]
    public async Task No_secret_value_appears_in_a_configmap_or_any_other_manifest_but_a_secret()
    {
        var chart = await RenderWithSecretsAsync();

        var elsewhere = chart.Manifests.Where(manifest => RenderedChart.Kind(manifest) != "Secret").Select(manifest => manifest.ToJsonString()).ToList();
        Assert.NotEmpty(chart.OfKind("ConfigMap"));
        foreach (var secret in s_secrets)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
            Assert.DoesNotContain(elsewhere, text => text.Contains(secret, StringComparison.Ordinal) || text.Contains(encoded, StringComparison.Ordinal));
            Assert.Contains(chart.OfKind("Secret"), manifest => manifest["data"]!.AsObject().Any(pair => (string?)pair.Value == encoded));
        }

        Assert.All(chart.OfKind("Secret"), secret => Assert.Null(secret["stringData"]));
    }

    [Fact]
    public async Task Created_secrets_are_keyed_by_the_setting_names_and_mounted_whole()
    {
        var chart = await RenderWithSecretsAsync();

        var jwt = chart.Single("Secret", "auth-jwt")["data"]!.AsObject();
        Assert.Equal(["Auth__Hs256Secret", "Auth__JwksUrl"], jwt.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["Api__Keys__0"], chart.Single("Secret", "api-keys")["data"]!.AsObject().Select(pair => pair.Key));

        Assert.Equal("classroom-auth-jwt", SecretRef(RenderedChart.OnlyContainer(chart.Single("Deployment", "auth"))));
        Assert.Equal("classroom-api-keys", SecretRef(RenderedChart.OnlyContainer(chart.Single("Deployment", "api"))));
        Assert.Null(RenderedChart.OnlyContainer(chart.Single("StatefulSet", "edge"))["envFrom"]);
    }

    [Theory]
    [InlineData("registry", "Deployment")]
    [InlineData("fanout", "StatefulSet")]
    [InlineData("auth", "Deployment")]
    public async Task The_redis_password_reaches_the_configuration_only_through_a_secret_reference(string component, string kind)
    {
        var chart = await RenderWithSecretsAsync();

        var env = RenderedChart.Env(RenderedChart.OnlyContainer(chart.Single(kind, component))).ToList();
        var password = env.FindIndex(variable => (string?)variable["name"] == "REDIS_PASSWORD");
        var configuration = env.FindIndex(variable => (string?)variable["name"] == "Redis__Configuration");
        Assert.True(password >= 0 && password < configuration, "REDIS_PASSWORD must be defined before Redis__Configuration refers to it");
        Assert.Null(env[password]["value"]);
        Assert.Equal("classroom-redis", (string?)env[password]["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("redis-password", (string?)env[password]["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.Contains("password=$(REDIS_PASSWORD)", (string?)env[configuration]["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_secrets_are_referenced_and_no_secret_is_created()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        Assert.Empty(chart.OfKind("Secret"));
        Assert.Equal("classroom-jwt", SecretRef(RenderedChart.OnlyContainer(chart.Single("Deployment", "auth"))));
        Assert.Equal("classroom-api-keys", SecretRef(RenderedChart.OnlyContainer(chart.Single("Deployment", "api"))));
        var password = RenderedChart.Env(RenderedChart.OnlyContainer(chart.Single("Deployment", "registry")))
            .Single(variable => (string?)variable["name"] == "REDIS_PASSWORD");
        Assert.Equal("classroom-redis", (string?)password["valueFrom"]!["secretKeyRef"]!["name"]);
    }

    [Fact]
    public async Task A_password_cannot_be_slipped_into_the_plain_redis_options()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "redis.options[0]=password=hunter2");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("/redis/options/0", render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_roll_when_a_created_secret_changes()
    {
        var before = await HelmChart.RenderAsync(ValuesFiles.Default, $"auth.jwt.hs256Secret={Hs256Secret}");
        var after = await HelmChart.RenderAsync(ValuesFiles.Default, $"auth.jwt.hs256Secret={Hs256Secret}-rotated");

        Assert.NotEqual(Checksum(before), Checksum(after));
    }

    private static string? Checksum(RenderedChart chart) =>
        (string?)chart.Single("Deployment", "auth")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/secrets"];

    private static string? SecretRef(JsonObject container) =>
        (string?)container["envFrom"]!.AsArray().Single(source => source!["secretRef"] is not null)!["secretRef"]!["name"];
}
