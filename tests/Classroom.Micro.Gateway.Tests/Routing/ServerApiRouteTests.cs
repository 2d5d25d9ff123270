using Classroom.Micro.Gateway.Routing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Routing;

public sealed class ServerApiRouteTests
{
    [Fact]
    public void The_server_api_is_not_routed_unless_exposed()
    {
        Assert.DoesNotContain(ProxyConfigFactory.Routes(new GatewayOptions()), route => route.Match.Path == ProxyConfigFactory.ServerApiPath);
    }

    [Fact]
    public void An_exposed_server_api_goes_to_the_api_service_for_every_http_method()
    {
        var route = Assert.Single(ProxyConfigFactory.Routes(new GatewayOptions { ExposeServerApi = true }), route => route.Match.Path == ProxyConfigFactory.ServerApiPath);

        Assert.Equal(ProxyConfigFactory.ApiCluster, route.ClusterId);
        Assert.Equal("/api/{**catch-all}", route.Match.Path);
        // The api service answers 405 itself, as Centrifugo does, so the gateway must not filter methods.
        Assert.Null(route.Match.Methods);
    }

    [Fact]
    public void The_api_cluster_holds_the_configured_api_address()
    {
        var options = new GatewayOptions { ApiAddress = new Uri("http://api.classroom.svc:7500") };

        var cluster = Assert.Single(ProxyConfigFactory.Clusters(options, [GatewayOptions.DefaultEdgeAddress]), cluster => cluster.ClusterId == ProxyConfigFactory.ApiCluster);

        Assert.Equal("http://api.classroom.svc:7500/", Assert.Single(cluster.Destinations!).Value.Address);
    }
}
