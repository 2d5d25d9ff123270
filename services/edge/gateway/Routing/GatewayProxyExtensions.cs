using Classroom.Micro.Gateway.Balancing;
using Classroom.Micro.Gateway.Emulation;
using Classroom.Micro.Gateway.Health;
using Classroom.Micro.ServiceDefaults.Discovery;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

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

        builder.Services.AddReverseProxy().AddTransforms(context =>
        {
            if (ProxyConfigFactory.IsConnectionRoute(context.Route.RouteId))
            {
                // The edge answers this token as the connection's node; emulation requests come back with it (EmulationRouting).
                context.AddRequestTransform(transform =>
                {
                    transform.ProxyRequest.Headers.Remove(EdgeNodeToken.HeaderName);
                    transform.ProxyRequest.Headers.TryAddWithoutValidation(EdgeNodeToken.HeaderName, EdgeNodeToken.For(transform.DestinationPrefix));
                    return ValueTask.CompletedTask;
                });
            }
        });
        builder.Services.AddSingleton<EmulationRouting>();
        builder.Services.AddSingleton<ILoadBalancingPolicy, ClassroomAffinityPolicy>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, DestinationFaultPolicy>();
        // The edge pool: fixed addresses, or the edges' headless Service looked up in DNS again and again.
        builder.AddEndpointDiscovery("edges", services =>
            ProxyConfigFactory.EffectiveEdgeAddresses(services.GetRequiredService<IOptions<GatewayOptions>>().Value));
        builder.Services.AddSingleton<IProxyConfigProvider, EdgePoolConfigProvider>();
        return builder;
    }

    /// <summary>YARP's pipeline with emulation routing ahead of its own steps (session affinity, balancing, passive health).</summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        var emulation = app.Services.GetRequiredService<EmulationRouting>();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use((context, next) => emulation.InvokeAsync(context, next));
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }
}
