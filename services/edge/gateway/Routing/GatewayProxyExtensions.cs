using Classroom.Micro.Gateway.Balancing;
using Classroom.Micro.Gateway.Health;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Classroom.Micro.Gateway.Routing;

internal static class GatewayProxyExtensions
{
    /// <summary>Binds <see cref="GatewayOptions"/> and registers YARP with routes, clusters and policies built from them.</summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<ILoadBalancingPolicy, ClassroomAffinityPolicy>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, DestinationFaultPolicy>();
        // Built from the validated options, so a bad address fails the start instead of the first connection.
        builder.Services.AddSingleton<IProxyConfigProvider>(services =>
        {
            var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var edges = ProxyConfigFactory.EffectiveEdgeAddresses(options);
            var logger = services.GetRequiredService<ILogger<GatewayOptions>>();
            RoutingLog.ProxyConfigured(logger, edges.Count, edges, options.AuthAddress);
            return new InMemoryConfigProvider(ProxyConfigFactory.Routes(), ProxyConfigFactory.Clusters(options));
        });
        return builder;
    }
}
