using Classroom.Micro.Edge.ServerApi;
using Microsoft.Extensions.Options;

// In the edge's root namespace, like AddEdge, so Program.cs and AddEdge call it without another using.
namespace Classroom.Micro.Edge;

/// <summary>Composition of the server API: HTTP <c>/api/&lt;method&gt;</c> and the gRPC <c>classroom.api.v1.ServerApi</c> service.</summary>
internal static class ServerApiExtensions
{
    /// <summary>Binds <see cref="ServerApiOptions"/> and registers the operations, both transports and gRPC itself.</summary>
    public static IHostApplicationBuilder AddServerApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerApiOptions>()
            .Bind(builder.Configuration.GetSection(ServerApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ApiAuthFailures>();
        services.AddSingleton<ServerApiMetrics>();
        services.AddSingleton<ServerPublisher>();
        services.AddSingleton<ServerReads>();
        services.AddSingleton<ServerHistoryRemoval>();
        services.AddSingleton<ServerControl>();
        services.AddSingleton<ServerDirectory>();
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
