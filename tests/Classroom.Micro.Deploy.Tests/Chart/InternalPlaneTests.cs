using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Classroom.Micro.Deploy.Tests.Helm;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

/// <summary>
/// The chart gives each internal service its own identity and private key (from its own Secret), the servers every
/// caller's public key, and fences the services in.
/// </summary>
public sealed class InternalPlaneTests
{
    private static readonly (string Kind, string Component)[] s_identities =
        [("StatefulSet", "edge"), ("Deployment", "api"), ("Deployment", "auth"), ("Deployment", "registry"), ("StatefulSet", "fanout")];

    private static readonly string[] s_existing =
    [
        "internal.existingSecrets.edge=k-edge", "internal.existingSecrets.api=k-api", "internal.existingSecrets.auth=k-auth",
        "internal.existingSecrets.registry=k-registry", "internal.existingSecrets.fanout=k-fanout", "internal.existingPublicKeys=callers",
    ];

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task Each_internal_service_reads_its_own_private_key_from_its_own_secret_and_the_gateway_none(string valuesFile)
    {
        var chart = await HelmChart.RenderAsync(valuesFile);

        foreach (var (kind, component) in s_identities)
        {
            var container = RenderedChart.OnlyContainer(chart.Single(kind, component));
            Assert.Equal(component, RenderedChart.EnvValue(container, "Internal__Identity"));
            var reference = RenderedChart.Env(container).Single(env => (string?)env["name"] == "Internal__PrivateKey")["valueFrom"]!["secretKeyRef"]!;
            Assert.EndsWith("-" + component, (string?)reference["name"], StringComparison.Ordinal);
            Assert.Equal("private-key.pem", (string?)reference["key"]);
        }

        var gateway = RenderedChart.EnvNames(RenderedChart.OnlyContainer(chart.Single("Deployment", "gateway")));
        Assert.DoesNotContain(gateway, name => name.StartsWith("Internal__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("auth", true)]
    [InlineData("registry", true)]
    [InlineData("StatefulSet/fanout", true)]
    [InlineData("StatefulSet/edge", false)]
    [InlineData("api", false)]
    public async Task Only_the_servers_read_the_callers_public_keys(string workload, bool reads)
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);
        var (kind, component) = workload.Contains('/') ? (workload.Split('/')[0], workload.Split('/')[1]) : ("Deployment", workload);

        var envFrom = RenderedChart.OnlyContainer(chart.Single(kind, component))["envFrom"]?.AsArray() ?? [];

        var callers = envFrom.SingleOrDefault(source => (string?)source!["prefix"] == "Internal__Callers__");
        Assert.Equal(reads, callers is not null);
        if (callers is not null)
        {
            Assert.Equal("classroom-internal-callers", (string?)callers["configMapRef"]!["name"]);
        }
    }

    [Fact]
    public async Task The_generated_keys_are_p256_and_each_certificate_holds_its_identitys_public_key()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);
        var certificates = chart.OfKind("ConfigMap").Single(map => RenderedChart.Name(map) == "classroom-internal-callers")["data"]!.AsObject();

        foreach (var (_, identity) in s_identities)
        {
            var secret = chart.OfKind("Secret").Single(candidate => RenderedChart.Name(candidate) == "classroom-internal-" + identity);
            using var privateKey = ECDsa.Create();
            privateKey.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["private-key.pem"]!)));
            using var certificate = X509Certificate2.CreateFromPem((string)certificates[identity]!);
            using var publicKey = certificate.GetECDsaPublicKey()!;
            var signed = privateKey.SignData("caller"u8, HashAlgorithmName.SHA256);

            Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, publicKey.ExportParameters(false).Curve.Oid.Value);
            Assert.True(publicKey.VerifyData("caller"u8, signed, HashAlgorithmName.SHA256), $"the {identity} certificate holds the {identity} key");
        }

        Assert.DoesNotContain(chart.Manifests.Where(manifest => RenderedChart.Kind(manifest) != "Secret"), manifest => manifest.ToJsonString().Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Existing_secrets_and_public_keys_are_referenced_and_none_are_created()
    {
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default, s_existing);

        Assert.DoesNotContain(chart.Manifests, manifest => RenderedChart.Name(manifest).StartsWith("classroom-internal", StringComparison.Ordinal));
        var registry = RenderedChart.OnlyContainer(chart.Single("Deployment", "registry"));
        Assert.Equal("k-registry", (string?)RenderedChart.Env(registry).Single(env => (string?)env["name"] == "Internal__PrivateKey")["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Contains(registry["envFrom"]!.AsArray(), source => (string?)source!["configMapRef"]?["name"] == "callers");
    }

    [Theory]
    [InlineData("internal.existingSecrets.edge=k-edge")]
    [InlineData("internal.existingPublicKeys=callers")]
    public async Task Existing_keys_must_come_all_together(string setting)
    {
        var render = await HelmChart.TemplateAsync(ValuesFiles.Default, setting);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("internal.existing", render.StandardError, StringComparison.Ordinal);
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
