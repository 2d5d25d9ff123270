using Classroom.Micro.Gateway.Balancing;
using Classroom.Micro.Gateway.Health;
using Classroom.Micro.ServiceDefaults.Discovery;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Classroom.Micro.Gateway.Routing;

internal static class GatewayProxyExtensions
{
    /// <summary>
    /// Binds <see cref="GatewayOptions"/> and registers YARP with routes, clusters and policies built from them, its edges
    /// cluster following the discovered edge pool.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<ILoadBalancingPolicy, ClassroomAffinityPolicy>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, DestinationFaultPolicy>();
        // The edge pool: fixed addresses, or the edges' headless Service looked up in DNS again and again.
        builder.AddEndpointDiscovery("edges", services =>
            ProxyConfigFactory.EffectiveEdgeAddresses(services.GetRequiredService<IOptions<GatewayOptions>>().Value));
        builder.Services.AddSingleton<IProxyConfigProvider, EdgePoolConfigProvider>();
        return builder;
    }
}
