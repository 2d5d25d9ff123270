using Classroom.Micro.Api.ServerApi;
using Classroom.Micro.Api.Upstream;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the service's root namespace, so Program.cs calls it without another using.
namespace Classroom.Micro.Api;

/// <summary>Composition of the server API: HTTP <c>/api/&lt;method&gt;</c> and the gRPC <c>classroom.api.v1.ServerApi</c> service.</summary>
internal static class ServerApiExtensions
{
    /// <summary>
    /// Binds <see cref="ServerApiOptions"/> and registers the upstream clients (registry, fanout replicas), the
    /// operations, both transports and gRPC itself.
    /// </summary>
    public static IHostApplicationBuilder AddServerApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerApiOptions>()
            .Bind(builder.Configuration.GetSection(ServerApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddInternalClient();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new RegistryService.RegistryServiceClient(
            GrpcClientDefaults.CreateChannel(provider.GetRequiredService<IOptions<ServerApiOptions>>().Value.RegistryAddress, provider.GetRequiredService<CallerAssertionIssuer>().To(InternalServices.Registry))));
        builder.AddEndpointDiscovery("fanout replicas", provider => provider.GetRequiredService<IOptions<ServerApiOptions>>().Value.FanoutAddresses);
        services.AddSingleton<FanoutReplicas>();

        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ApiAuthFailures>();
        services.AddSingleton<ServerApiMetrics>();
        services.AddSingleton<ServerPublisher>();
        services.AddSingleton<ServerReads>();
        services.AddSingleton<ServerHistoryRemoval>();
        services.AddSingleton<ServerControl>();
        services.AddSingleton<ServerDirectory>();
        services.AddSingleton<ServerApiDispatcher>();
        services.AddSingleton<ServerBatch>();
        services.AddSingleton<HttpApiMethods>();
        services.AddSingleton<HttpApiPipeline>();
        services.AddSingleton<HttpApiEndpoint>();
        services.AddSingleton<ApiKeyInterceptor>();
        services.AddGrpc().AddServiceOptions<ServerApiGrpcService>(grpc => grpc.Interceptors.Add<ApiKeyInterceptor>());
        return builder;
    }

    public static WebApplication MapServerApi(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerApiOptions).Namespace!);
        var keys = app.Services.GetRequiredService<IOptions<ServerApiOptions>>().Value.Keys;
        if (keys.Count == 0)
        {
            ServerApiLog.Disabled(logger);
        }
        else
        {
            ServerApiLog.Enabled(logger, keys.Count);
        }

        app.Map(HttpApiEndpoint.Pattern, (HttpContext context, string method, HttpApiEndpoint endpoint) => endpoint.HandleAsync(context, method));
        app.Map(HttpApiEndpoint.PipelinePattern, (HttpContext context, HttpApiEndpoint endpoint) => endpoint.HandleAsync(context, HttpApiEndpoint.PipelineMethod));
        app.MapGrpcService<ServerApiGrpcService>();
        return app;
    }
}
