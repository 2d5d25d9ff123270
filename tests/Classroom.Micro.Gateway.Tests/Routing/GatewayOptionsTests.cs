using System.ComponentModel.DataAnnotations;
using Classroom.Micro.Gateway.Routing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Routing;

public sealed class GatewayOptionsTests
{
    private static List<ValidationResult> Validate(GatewayOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_defaults_are_valid_and_point_at_the_local_edge()
    {
        var options = new GatewayOptions();

        Assert.Empty(Validate(options));
        Assert.Equal([GatewayOptions.DefaultEdgeAddress], ProxyConfigFactory.EffectiveEdgeAddresses(options));
    }

    [Fact]
    public void A_relative_or_non_http_edge_address_is_rejected()
    {
        Assert.NotEmpty(Validate(new GatewayOptions { EdgeAddresses = [new Uri("/edge", UriKind.Relative)] }));
        Assert.NotEmpty(Validate(new GatewayOptions { EdgeAddresses = [new Uri("ftp://127.0.0.1:7400")] }));
    }

    [Fact]
    public void The_edges_headless_service_is_accepted_as_a_dns_entry_with_a_port()
    {
        Assert.Empty(Validate(new GatewayOptions { EdgeAddresses = [new Uri("dns:///classroom-edge-headless.classroom.svc.cluster.local:7400")] }));
        Assert.NotEmpty(Validate(new GatewayOptions { EdgeAddresses = [new Uri("dns:///classroom-edge-headless.classroom.svc.cluster.local")] }));
    }

    [Fact]
    public void An_edge_listed_twice_is_rejected()
    {
        Assert.NotEmpty(Validate(new GatewayOptions { EdgeAddresses = [new Uri("http://127.0.0.1:7400"), new Uri("http://127.0.0.1:7400/")] }));
    }

    [Fact]
    public void A_health_interval_of_zero_is_rejected()
    {
        Assert.NotEmpty(Validate(new GatewayOptions { HealthCheckInterval = TimeSpan.Zero }));
    }

    [Fact]
    public void Every_edge_becomes_a_destination_of_the_edges_cluster_named_by_its_address()
    {
        var options = new GatewayOptions { EdgeAddresses = [new Uri("http://127.0.0.1:7400"), new Uri("http://127.0.0.1:7410")] };

        var edges = Assert.Single(ProxyConfigFactory.Clusters(options, ProxyConfigFactory.EffectiveEdgeAddresses(options)), cluster => cluster.ClusterId == ProxyConfigFactory.EdgesCluster);

        Assert.Equal(["http://127.0.0.1:7400/", "http://127.0.0.1:7410/"], edges.Destinations!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/health/ready", edges.HealthCheck!.Active!.Path);
        Assert.True(edges.HealthCheck.Passive!.Enabled);
    }

    [Theory]
    [InlineData("https://school.example.org/")]
    [InlineData("https://school.example.org/classroom")]
    [InlineData("*.example.org")]
    [InlineData("ftp://school.example.org")]
    public void An_allowed_origin_that_is_not_exactly_an_origin_is_rejected(string origin)
    {
        Assert.NotEmpty(Validate(new GatewayOptions { AllowedOrigins = [origin] }));
    }

    [Fact]
    public void The_server_api_is_not_exposed_by_default()
    {
        Assert.False(new GatewayOptions().ExposeServerApi);
    }
}
