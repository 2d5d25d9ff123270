using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed class RedisTests
{
    [Fact]
    public async Task The_eks_render_reaches_elasticache_over_tls_with_the_password_from_a_secret()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Eks);

        Assert.Equal(
            "master.classroom.abc123.euw1.cache.amazonaws.com:6379,ssl=true,password=$(REDIS_PASSWORD),connectTimeout=5000",
            Configuration(chart, "Deployment", "registry"));
        Assert.Equal(Configuration(chart, "Deployment", "registry"), Configuration(chart, "StatefulSet", "fanout"));
    }

    [Fact]
    public async Task The_sentinel_render_lists_the_sentinels_and_names_the_primary()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Sentinel);

        var configuration = Configuration(chart, "StatefulSet", "fanout")!.Split(',');
        Assert.Equal(3, configuration.Count(item => item.EndsWith(":26379", StringComparison.Ordinal)));
        Assert.Contains("serviceName=mymaster", configuration);
        Assert.Contains("password=$(REDIS_PASSWORD)", configuration);
        Assert.DoesNotContain("ssl=true", configuration);
    }

    [Fact]
    public async Task Only_registry_fanout_and_auth_get_redis_settings()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        var withRedis = chart.Workloads()
            .Where(workload => RenderedChart.EnvNames(RenderedChart.OnlyContainer(workload)).Contains("Redis__Configuration"))
            .Select(RenderedChart.Name)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["classroom-auth", "classroom-fanout", "classroom-registry"], withRedis);
        Assert.Equal("redis:6379", Configuration(chart, "Deployment", "registry"));
        Assert.Equal("cm:", RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single("Deployment", "registry")), "Redis__KeyPrefix"));
    }

    [Fact]
    public async Task Sentinel_mode_without_sentinels_fails_to_render()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "redis.mode=sentinel");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("redis.sentinel.hosts", render.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_prefix_with_a_hash_tag_brace_is_rejected()
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, "redis.keyPrefix=cm:a}b:");

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("/redis/keyPrefix", render.StandardError, StringComparison.Ordinal);
    }

    private static string? Configuration(RenderedChart chart, string kind, string component) =>
        RenderedChart.EnvValue(RenderedChart.OnlyContainer(chart.Single(kind, component)), "Redis__Configuration");
}
